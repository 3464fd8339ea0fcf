import { sql, type SQL } from 'drizzle-orm';
import { kbArticles } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { markTerms, messageRegexOf, queryWords, snippetOf, termPatterns, tsqueryTextOf } from '../tickets';

/**
 * Article search (H3): the words of `q` with the ticket search's Persian normalisation (ي/ی,
 * ك/ک, digits of three scripts, ZWNJ or space between word parts), each a prefix, on the GIN
 * index of `search`; ranked by title, keywords and summary (`search_head`), then the newest.
 */
export interface KbQuery {
  words: string[];
  tsquery: SQL;
}

/**
 * Words that say nothing about what is sought (in nearly every article): dropped from a query
 * that has other words — "چاپگر در طبقه سوم" looks for چاپگر, طبقه, سوم. A query of nothing
 * else keeps them. (Not می/ها/… : those join the next or previous word, see search-text.ts.)
 */
const STOP_WORDS = new Set(
  [
    'و در به از که را این با است برای آن یک تا هم یا اما ولی اگر چون چه هر همه بر نیز شد شده باید',
    'the a an and or of to in on for is are was be it this that with as at by from how what do does can i my me you your we our',
  ]
    .join(' ')
    .split(' '),
);

/**
 * `any`: an article with any of the words (suggestions: a subject grows — «چاپگر شبکه چاپ
 * نمی‌کند» — and the article about the printer should stay; those with more of the words rank
 * first). Otherwise every word must be found (the help centre's search).
 */
export function kbQueryOf(q: string | undefined, opts: { any?: boolean } = {}): KbQuery | null {
  if (!q) return null;
  const all = queryWords(q);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  const words = content.length ? content : all;
  const text = tsqueryTextOf(words);
  if (!text) return null;
  // Between words the text has ` & ` only at the top level (a word's spellings are `|` in brackets).
  const joined = opts.any ? text.split(' & ').join(' | ') : text;
  return { words, tsquery: sql`to_tsquery('simple', ${joined})` };
}

/**
 * The articles that match, as a join source (`hits`): read from the GIN index on `search` (the
 * workspace is a filter, `+ 0`, so no b-tree is chosen instead), then each hit's row by its key.
 * A common word matches thousands: no row's large vector is fetched from TOAST, which a scan of
 * the table must do for every row — the planner does not count that cost (`withSearchPlan`).
 */
export const hits = (workspaceId: number, k: KbQuery): SQL =>
  sql`(select m.id from kb_articles m where m.workspace_id + 0 = ${workspaceId} and m.search @@ ${k.tsquery} offset 0) hits`;
export const hitsOn: SQL = sql`hits.id = ${kbArticles.id}`;
/** The same as a condition (the staff's list, where a join would not fit its other joins). */
export const isHit = (workspaceId: number, k: KbQuery): SQL =>
  sql`${kbArticles.id} in (select m.id from kb_articles m where m.workspace_id + 0 = ${workspaceId} and m.search @@ ${k.tsquery})`;

/**
 * Runs a search's statements in a transaction where the planner does not scan the table: its
 * estimate of `@@` over a scan leaves out fetching each row's vector from TOAST, which made a
 * common word take 120 ms instead of 20 through the index.
 */
export function withSearchPlan<T>(ctx: Ctx, k: KbQuery | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (!k) return fn(ctx);
  return withTx(ctx, async (tx) => {
    await tx.db.execute(sql`set local enable_seqscan = off`);
    return fn(tx);
  });
}
/** Title matches (weight A) above keyword and summary ones; text-only matches newest first after them. */
export const rank = (k: KbQuery): SQL => sql`ts_rank(${kbArticles.searchHead}, ${k.tsquery}) desc`;

/** A search's total is counted up to this many (a help centre shows a few pages; counting every match of a common word costs). */
export const COUNT_CAP = 1000;

const SNIPPET_BEFORE = 60;
const SNIPPET_WINDOW = 320;

/** A window of the body's plain text around the first place a word may be (cut in the database). */
export function snippetWindow(k: KbQuery): SQL<string | null> {
  const regex = messageRegexOf({ words: k.words });
  return sql<
    string | null
  >`(select substr(${kbArticles.bodyText}, greatest(1, f.at - ${SNIPPET_BEFORE}), ${SNIPPET_WINDOW})
    from (select regexp_instr(${kbArticles.bodyText}, ${regex}, 1, 1, 0, 'i') as at offset 0) f where f.at > 0)`;
}

/** The marked title and snippet of a hit (marks as offsets: the client renders text, never HTML). */
export function highlight(k: KbQuery, title: string, window: string | null, summary: string) {
  const patterns = termPatterns({ words: k.words });
  const titleMarks = markTerms(title, patterns);
  const from = window ?? summary;
  const marks = markTerms(from, patterns);
  return { titleMarks, snippet: from ? snippetOf(from, marks) : null };
}
