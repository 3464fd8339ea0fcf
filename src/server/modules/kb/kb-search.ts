import { sql, type SQL } from 'drizzle-orm';
import { kbArticles } from '../../../db/schema';
import { markTerms, messageRegexOf, queryWords, snippetOf, termPatterns, tsqueryTextOf } from '../tickets';

/**
 * Article search (H3): the words of `q` with the ticket search's Persian normalisation (ي/ی,
 * ك/ک, digits of three scripts, ZWNJ or space between word parts), each a prefix, on the GIN
 * index of `search`; ranked by title, keywords and summary (`search_head`), then the newest.
 */
export interface KbQuery {
  words: string[];
  /** Every word (each a prefix or one of its spellings). */
  tsquery: SQL;
  /** Any of the words. */
  anyQuery: SQL;
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

/** `typing`: a subject being typed — only its last word may be unfinished (a prefix). */
export function kbQueryOf(q: string | undefined, opts: { typing?: boolean } = {}): KbQuery | null {
  if (!q) return null;
  const all = queryWords(q);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  const words = content.length ? content : all;
  const text = tsqueryTextOf(words, { prefixLastOnly: opts.typing });
  if (!text) return null;
  // Between words the text has ` & ` only at the top level (a word's spellings are `|` in brackets).
  const any = text.split(' & ').join(' | ');
  return { words, tsquery: sql`to_tsquery('simple', ${text})`, anyQuery: sql`to_tsquery('simple', ${any})` };
}

/**
 * The articles that match, as a join source (`hits`): `kb_hits()` (migration 0023) reads them
 * from the GIN index on `search` — a scan of the table would fetch every row's large vector from
 * TOAST, which the planner does not count (a common word: 120 ms instead of 10) — and the caller
 * fetches each hit's row by its key.
 */
export const hits = (workspaceId: number, k: KbQuery): SQL =>
  sql`kb_hits(${workspaceId}::bigint, ${k.tsquery}) as hits(id)`;
export const hitsOn: SQL = sql`hits.id = ${kbArticles.id}`;

/** The same as a condition (the staff's list, where a join would not fit its other joins). */
export const isHit = (workspaceId: number, k: KbQuery): SQL =>
  sql`${kbArticles.id} in (select kb_hits(${workspaceId}::bigint, ${k.tsquery}))`;

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
