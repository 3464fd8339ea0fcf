import { sql, type SQL } from 'drizzle-orm';
import { normalizeText } from '../../../contracts/text';
import { htmlToText } from '../../platform/html';
import { oneLine } from '../tickets';

const MAX_INDEXED_CHARS = 100_000;

/** The end of a table cell or a block: the words on either side must not run together. */
const CELL_OR_BLOCK_END = /<\/(td|th|tr|li|p|div|h[1-6]|pre|blockquote|caption)>/gi;

/** The body as one line of plain text (snippets are cut from it; the index reads it). */
export const bodyTextOf = (html: string) =>
  oneLine(htmlToText(html.replace(CELL_OR_BLOCK_END, ' $&'))).slice(0, MAX_INDEXED_CHARS);

const vec = (text: string, weight: 'A' | 'B' | 'D'): SQL =>
  sql`setweight(search_vector(${normalizeText(text).slice(0, MAX_INDEXED_CHARS)}), ${weight})`;

/**
 * The article's search vectors: the same normalisation and word-part joins as ticket search
 * (search_vector(), migration 0013). `search` holds everything (what a query must match);
 * `searchHead` only title (A), keywords and summary (B) — what ranks, small enough to be read
 * for every match of a common word without fetching the large vector from TOAST.
 */
export function articleVectors(a: { title: string; keywords: string[]; summary: string; bodyText: string }): {
  search: SQL;
  searchHead: SQL;
} {
  const head = sql`(${vec(a.title, 'A')} || ${vec([...a.keywords, a.summary].join('\n'), 'B')})`;
  // Only matched, never ranked: without positions and weights (strip) it is a third of the size.
  return { searchHead: head, search: sql`strip(${head} || ${vec(a.bodyText, 'D')})` };
}

/**
 * A slug made from the title: letters of any script and digits, words joined by dashes
 * (Persian slugs are kept Persian; ZWNJ and spaces become dashes), at most 80 characters.
 */
export function slugOf(title: string): string {
  const words = normalizeText(title)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    if ((out + '-' + w).length > 80) break;
    out = out ? `${out}-${w}` : w;
  }
  return out || 'article';
}
