import { sql, type SQL } from 'drizzle-orm';
import { normalizeDigits, normalizeText } from '../../../contracts/text';

/**
 * Full-text search runs on Persian-normalised text with the `simple` configuration (no
 * stemming: it suits Persian and English alike). The same normalizeText() runs when text is
 * indexed and when a query is parsed, so ي/ی, ك/ک, digits of three scripts and ZWNJ match.
 */
const MAX_INDEXED_CHARS = 100_000;

export function tsvectorOf(text: string): SQL {
  return sql`to_tsvector('simple', ${normalizeText(text).slice(0, MAX_INDEXED_CHARS)})`;
}

/**
 * One vector of several texts (a ticket's subject and replies, say), each normalised and capped
 * like `tsvectorOf`: the words are those of the texts indexed one by one.
 */
export function tsvectorOfAll(texts: string[]): SQL {
  const parts = texts.map((t) => normalizeText(t).slice(0, MAX_INDEXED_CHARS)).filter((t) => t.length > 0);
  if (!parts.length) return sql`''::tsvector`;
  return sql`to_tsvector('simple', ${parts.join('\n')})`;
}

/** Words of a query, normalised, each allowed as a prefix ("کامپی" finds "کامپیوتر"). */
export function tsqueryOf(q: string): SQL | null {
  const words = normalizeText(q)
    .split(/[^\p{L}\p{N}_@.-]+/u)
    .map((w) => w.replace(/[.@-]+$/g, '').replace(/^[.@-]+/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (!words.length) return null;
  const parts = words.map((w) => `'${w.replace(/'/g, "''")}':*`).join(' & ');
  return sql`to_tsquery('simple', ${parts})`;
}

/** "#123", "123" or "۱۲۳" asks for ticket 123. */
export function ticketNumberOf(q: string): number | null {
  const m = /^#?\s*(\d{1,9})$/.exec(normalizeDigits(q.trim()));
  return m ? Number(m[1]) : null;
}

export { normalizeText };
