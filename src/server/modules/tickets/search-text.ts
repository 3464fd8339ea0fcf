import { sql, type SQL } from 'drizzle-orm';
import { normalizeDigits, normalizeText } from '../../../contracts/text';

/**
 * Full-text search runs on Persian-normalised text with the `simple` configuration (no
 * stemming: it suits Persian and English alike). The same normalizeText() runs when text is
 * indexed and when a query is parsed, so ي/ی, ك/ک, digits of three scripts and diacritics match.
 *
 * Word parts (issue 14): Persian writes the parts of a word joined by ZWNJ, by a space or by
 * nothing (نمی‌شود, نمی شود, نمیشود). normalizeText makes ZWNJ a space, so the indexed words are
 * the parts; the database function search_vector() (migration 0013) adds to them the parts
 * joined — a prefix written apart with its word (می, نمی, بی), a word with a suffix written apart
 * (ها, های, ای, تر, ترین, ی …), two or three letter names (وی پی ان) — as position-less lexemes. A query then
 * asks, for each of its words, for the word itself or one of its joins with its neighbours
 * (`joinedAlternatives`, the same rule): "نمیشود" finds the indexed join of نمی+شود, and
 * "نمی شود" finds a text that says نمیشود through the alternative نمیشود. Every term stays a
 * lexeme (or prefix) test of the GIN index — no phrase operator, no per-row re-parsing — and
 * only those closed lists are joined (never any two short words: و، به، از…), so vectors and
 * their index grow little (docs/queries.md).
 */
const MAX_INDEXED_CHARS = 100_000;
const MAX_QUERY_WORDS = 12;

/**
 * A ticket's vector of a text. Every word is stored under the workspace's prefix
 * (`<workspace id>:<word>`, search_vector(ws, t), migration 0031), so that the GIN indexes keep
 * each workspace's words apart: a query asks with `inWorkspaceQuery` and reads its own
 * workspace's entries only, however many other workspaces use the same word.
 */
export function tsvectorOf(workspaceId: number, text: string): SQL {
  return sql`search_vector(${workspaceId}::bigint, ${normalizeText(text).slice(0, MAX_INDEXED_CHARS)})`;
}

/**
 * One vector of several texts (a ticket's subject and replies, say), each normalised and capped
 * like `tsvectorOf`: the words are those of the texts indexed one by one.
 */
export function tsvectorOfAll(workspaceId: number, texts: string[]): SQL {
  const parts = texts.map((t) => normalizeText(t).slice(0, MAX_INDEXED_CHARS)).filter((t) => t.length > 0);
  if (!parts.length) return sql`''::tsvector`;
  return sql`search_vector(${workspaceId}::bigint, ${parts.join('\n')})`;
}

/**
 * A query of ticket vectors, its words under the workspace's prefix like the vectors'. The
 * statement's parameters are constants to the planner, so the prefixing runs once, when planned.
 */
export function inWorkspaceQuery(workspaceId: number, tsquery: SQL): SQL {
  return sql`workspace_lexemes(${workspaceId}::bigint, ${tsquery})`;
}

/** Persian-script letters (after normalizeText); search_joins() in migration 0013 uses the same class. */
const PERSIAN_WORD = /^[\u0620-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF]{1,24}$/u;
// The lists of search_joins() (migration 0013): keep them equal.
const PREFIXES = new Set(['می', 'نمی', 'بی']);
const SUFFIXES = new Set(
  'ها های هایی هایم هایت هایش هایمان هایتان هایشان ای ام ات اش ایم اید اند تر ترین ی'.split(' '),
);
const LETTERS = new Set(
  'آ ای بی پی تی سی جی چی اچ دی ار آر زد اس اف کیو کی ال ام ان او وی دبلیو ایکس اکس وای آی یو'.split(' '),
);

/** The normalised words of a query, as they are looked up (at most 12). */
export function queryWords(q: string): string[] {
  return normalizeText(q)
    .split(/[^\p{L}\p{N}_@.-]+/u)
    .map((w) => w.replace(/[.@-]+$/g, '').replace(/^[.@-]+/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, MAX_QUERY_WORDS);
}

/**
 * For the word at `i`, its joins with its neighbours that the index holds (see above): a
 * prefix with the next word, a word with the suffix after it, two or three letter names.
 */
export function joinedAlternatives(words: string[], i: number): string[] {
  const out: string[] = [];
  const fa = (k: number) => k >= 0 && k < words.length && PERSIAN_WORD.test(words[k]);
  const letter = (k: number) => fa(k) && LETTERS.has(words[k]);
  for (const [a, b] of [
    [i - 1, i],
    [i, i + 1],
  ])
    if (fa(a) && fa(b) && (PREFIXES.has(words[a]) || SUFFIXES.has(words[b]) || (letter(a) && letter(b))))
      out.push(words[a] + words[b]);
  for (const start of [i - 2, i - 1, i])
    if ([start, start + 1, start + 2].every(letter)) out.push(words.slice(start, start + 3).join(''));
  return [...new Set(out)];
}

const quoted = (w: string) => `'${w.replace(/'/g, "''")}'`;

/**
 * The text of the tsquery: every word (or one of its joins) as a prefix ("کامپی" finds
 * "کامپیوتر"); with `prefixLastOnly`, only the last word.
 */
export function tsqueryTextOf(words: string[], opts: { prefixLastOnly?: boolean } = {}): string | null {
  if (!words.length) return null;
  return words
    .map((w, i) => {
      // While a subject is typed, only its last word may be unfinished.
      const prefix = !opts.prefixLastOnly || i === words.length - 1 ? ':*' : '';
      const alts = [w, ...joinedAlternatives(words, i)].map((a) => `${quoted(a)}${prefix}`);
      return alts.length > 1 ? `(${alts.join(' | ')})` : alts[0];
    })
    .join(' & ');
}

/** Words of a query, normalised, each allowed as a prefix, each part-joining spelling allowed. */
export function tsqueryOf(q: string): SQL | null {
  const text = tsqueryTextOf(queryWords(q));
  return text ? sql`to_tsquery('simple', ${text})` : null;
}

/** The plain prefix query of the words (names: no joins, as names are not indexed with them). */
export function plainTsqueryOf(words: string[]): SQL | null {
  if (!words.length) return null;
  return sql`to_tsquery('simple', ${words.map((w) => `${quoted(w)}:*`).join(' & ')})`;
}

/** A bare number: the ticket with that number, and the texts holding exactly that number. */
export interface NumberQuery {
  /** The ticket number asked for. */
  number: number;
  /** The digits as typed (normalised), looked up as a whole word: 123 does not find 1234. */
  digits: string;
}

/** "#123", "123", "۱۲۳" or "١٢٣" asks for ticket 123 (and for the texts that hold 123). */
export function numberQueryOf(q: string): NumberQuery | null {
  const m = /^#?\s*(\d{1,9})$/.exec(normalizeDigits(q.trim()));
  return m ? { number: Number(m[1]), digits: m[1] } : null;
}

/** "#123", "123" or "۱۲۳" asks for ticket 123. */
export function ticketNumberOf(q: string): number | null {
  return numberQueryOf(q)?.number ?? null;
}

export { normalizeText };
