import { sql, type SQL } from 'drizzle-orm';
import { kbArticles } from '../../../db/schema';
import { markTerms, messageRegexOf, queryWords, snippetOf, termPatterns, tsqueryTextOf } from '../tickets';

/**
 * Article search (H3): the words of `q` with the ticket search's Persian normalisation (ي/ی,
 * ك/ک, digits of three scripts, ZWNJ or space between word parts), each a prefix, on the GIN
 * index of `search`; ranked with the title first.
 */
export interface KbQuery {
  words: string[];
  tsquery: SQL;
}

export function kbQueryOf(q: string | undefined): KbQuery | null {
  if (!q) return null;
  const words = queryWords(q);
  const text = tsqueryTextOf(words);
  return text ? { words, tsquery: sql`to_tsquery('simple', ${text})` } : null;
}

export const matches = (k: KbQuery): SQL => sql`${kbArticles.search} @@ ${k.tsquery}`;
/** Title matches (weight A) count ten times the rest, then the newer article. */
export const rank = (k: KbQuery): SQL => sql`ts_rank(${kbArticles.search}, ${k.tsquery}, 1) desc`;

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
