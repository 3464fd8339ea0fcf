import { sql, type SQL } from 'drizzle-orm';
import type { TSnippet } from '../../../contracts/tickets';
import { normalizeTextMapped } from '../../../contracts/text';
import type { Ctx } from '../../platform/context';
import { htmlToText } from '../../platform/html';

/**
 * The snippet of a search hit (issue 14): a short plain-text fragment of the latest visible
 * message that holds a searched word — or of the subject — with the matched words given as
 * offsets (`marks`, UTF-16 code units into `text`, end exclusive). The web app renders text and
 * marks as text nodes: nothing of the ticket's text is ever parsed as HTML.
 *
 * The page's own statement brings, per ticket, a window of its latest message that may hold a
 * searched word (a regular expression on the stored HTML that tolerates what normalizeText folds: Arabic
 * yeh and kaf, digit scripts, diacritics, ZWNJ or a space between the parts of a Persian word);
 * the words are then marked here, on the same normalised text the index was built from.
 */

/** What was searched: words (matched as word prefixes) or a bare number (matched whole). */
export type SnippetTerms = { words: string[] } | { digits: string };

export const SNIPPET_MAX = 200;
const CONTEXT_BEFORE = 60;
/**
 * How much of the stored HTML around the first match comes back from the database: enough for
 * the snippet's text (CONTEXT_BEFORE + SNIPPET_MAX characters) with room for the markup between
 * them, and never a whole long message per ticket of the page.
 */
const HTML_BEFORE = 100;
const HTML_WINDOW = 400;

const PERSIAN = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE-\u06FF]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const NUMBER_CHAR = /\p{N}/u;
const escapeJs = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How a term is found in normalised text: `re` finds its letters (a plain regular expression, no
 * Unicode property classes: V8 compiles one of those per new pattern in about 10 µs per word, a
 * third of a page's snippets), `inWord` tells the characters the term may not touch (before it;
 * for words, what follows is the rest of the word, for a number nothing may follow).
 */
interface TermPattern {
  re: RegExp;
  inWord: RegExp;
  prefix: boolean;
}

/** Patterns already made, by term (a page, the next page and a refreshed list search the same). */
const made = new Map<string, TermPattern>();
const MADE_MAX = 500;

function patternOf(key: string, source: string, inWord: RegExp, prefix: boolean): TermPattern | null {
  let p = made.get(key);
  if (p) return p;
  try {
    p = { re: new RegExp(source, 'g'), inWord, prefix };
  } catch {
    return null; // a term no pattern can be made of is simply not marked
  }
  if (made.size >= MADE_MAX) made.clear();
  made.set(key, p);
  return p;
}

/** The patterns that find the terms in normalised text. */
export function termPatterns(terms: SnippetTerms): TermPattern[] {
  if ('digits' in terms) {
    const p = patternOf(`#${terms.digits}`, escapeJs(terms.digits), NUMBER_CHAR, false);
    return p ? [p] : [];
  }
  const out: TermPattern[] = [];
  for (const w of terms.words) {
    // Persian parts may be apart in the text (a space where ZWNJ was, or typed): allow one.
    const chars = [...w];
    const body = chars
      .map((c, i) => escapeJs(c) + (i < chars.length - 1 && PERSIAN.test(c) && PERSIAN.test(chars[i + 1]) ? ' ?' : ''))
      .join('');
    const p = body ? patternOf(`w${w}`, body, WORD_CHAR, true) : null;
    if (p) out.push(p);
  }
  return out;
}

/** The character (code point) that ends just before `i`, and the one that starts at `i`. */
function charBefore(s: string, i: number): string {
  if (i <= 0) return '';
  const low = s.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? s.slice(i - 2, i) : s[i - 1];
}
function charAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Where each pattern matches `norm` as a word (or number) of its own: [start, end) in norm. */
function findTerms(norm: string, patterns: TermPattern[]): [number, number][] {
  const found: [number, number][] = [];
  for (const { re, inWord, prefix } of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const start = m.index;
      let end = start + m[0].length;
      if (!m[0].length) {
        re.lastIndex++;
        continue;
      }
      if (inWord.test(charBefore(norm, start))) continue;
      if (prefix) {
        // The rest of the word the term starts.
        for (let c = charAt(norm, end); c && inWord.test(c); c = charAt(norm, end)) end += c.length;
      } else if (inWord.test(charAt(norm, end))) continue;
      found.push([start, end]);
      re.lastIndex = end;
    }
  }
  return found;
}

/** Marks in `text` (offsets into it) for the terms, found on its normalised form. */
export function markTerms(text: string, terms: SnippetTerms | TermPattern[]): [number, number][] {
  const { text: norm, map } = normalizeTextMapped(text);
  const patterns = Array.isArray(terms) ? terms : termPatterns(terms);
  const ranges = findTerms(norm, patterns).map(([s, e]): [number, number] => [map[s], map[e - 1] + 1]);
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const isLowSurrogate = (s: string, i: number) => i > 0 && i < s.length && /[\uDC00-\uDFFF]/.test(s[i]);

/**
 * Text on one line: runs of whitespace become one space. Only what must change is matched (a run
 * of two or more, or a lone newline, tab…): `/\s+/` matched every single space between words
 * too, and replacing each took 40% of a page's snippets.
 */
export const oneLine = (s: string) => s.replace(/\s\s+|[^\S ]/g, ' ').trim();

/**
 * A fragment of `text` (on one line) of at most SNIPPET_MAX characters around the first mark,
 * with some context before it, cut at spaces where it can be and with "…" where text was left
 * out; the marks shifted to match.
 */
export function snippetOf(text: string, marks: [number, number][]): TSnippet {
  const first = marks[0]?.[0] ?? 0;
  let start = Math.max(0, first - CONTEXT_BEFORE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
    if (isLowSurrogate(text, start)) start--;
  }
  const prefix = start > 0 ? '…' : '';
  let end = Math.min(text.length, start + SNIPPET_MAX - prefix.length);
  if (end < text.length) {
    end--; // room for the closing "…"
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
    if (isLowSurrogate(text, end)) end--;
  }
  const body = text.slice(start, end);
  const suffix = end < text.length ? '…' : '';
  const offset = prefix.length - start;
  return {
    text: prefix + body + suffix,
    marks: marks
      .filter(([s]) => s >= start && s < end)
      .map(([s, e]) => [s + offset, Math.min(e, end) + offset] as [number, number]),
  };
}

/** Regular-expression text (PostgreSQL ARE) for one character, with what normalizeText folds into it. */
const FOLDED: Record<string, string> = { ی: 'یيى', ک: 'کك', ه: 'هۀة' };
function areChar(c: string): string {
  if (/[0-9]/.test(c)) {
    const d = Number(c);
    return `[${c}${String.fromCharCode(0x06f0 + d)}${String.fromCharCode(0x0660 + d)}]`;
  }
  if (FOLDED[c]) return `[${FOLDED[c]}]`;
  if (/[\p{L}\p{N}]/u.test(c)) return c;
  return `\\${c}`;
}
// Diacritics, tatweel, joiners and a space may stand between two letters of a Persian word.
const ARE_GAP = '[\\u064B-\\u065F\\u0670\\u0640\\u200B-\\u200D\\u2060\\u00AD ]*';
const ARE_BOUNDARY = '(^|[^0-9A-Za-z_\\u0620-\\u064A\\u066E-\\u06D3\\u06D5\\u06EE-\\u06FF])';

/** A PostgreSQL regular expression (for `~*`) that a stored message body matches when it may hold a term. */
export function messageRegexOf(terms: SnippetTerms): string {
  if ('digits' in terms) {
    const digits = [...terms.digits].map(areChar).join('');
    return `(^|[^0-9\\u06F0-\\u06F9\\u0660-\\u0669])${digits}($|[^0-9\\u06F0-\\u06F9\\u0660-\\u0669])`;
  }
  const alts = terms.words.map((w) => {
    const chars = [...w];
    return chars
      .map(
        (c, i) => areChar(c) + (i < chars.length - 1 && PERSIAN.test(c) && PERSIAN.test(chars[i + 1]) ? ARE_GAP : ''),
      )
      .join('');
  });
  return `${ARE_BOUNDARY}(${alts.join('|')})`;
}

/**
 * A window cut out of stored HTML without the piece of a tag at either end («lass="x">» before the
 * first `<`, «<a hre» after the last `>`), so none of it shows as text.
 */
export function wholeTags(html: string): string {
  const close = html.indexOf('>');
  const open = html.indexOf('<');
  let out = close !== -1 && (open === -1 || close < open) ? html.slice(close + 1) : html;
  const lastOpen = out.lastIndexOf('<');
  if (lastOpen !== -1 && out.indexOf('>', lastOpen) === -1) out = out.slice(0, lastOpen);
  return out;
}

/**
 * The column that brings, with each ticket of a searched page, the window of HTML of its latest
 * message that may hold a term (`withNotes`: staff; a customer's snippet never comes from a
 * note). A correlated subquery around the page's own statement (list-tickets.ts), so it runs for
 * the page's rows only, after the sort and limit, and the snippet costs no extra round trip.
 */
export function snippetColumn(ctx: Ctx, ticketId: SQL, terms: SnippetTerms, withNotes: boolean): SQL<string | null> {
  const empty = 'words' in terms ? !terms.words.length : !terms.digits;
  if (empty) return sql<string | null>`null::text`;
  const regex = messageRegexOf(terms);
  // The expression is evaluated once per message (the lateral's `offset 0` keeps it from being
  // inlined into both the filter and the output, which ran the expression twice).
  return sql<string | null>`(select substr(m.body_html, greatest(1, f.at - ${HTML_BEFORE}), ${HTML_WINDOW})
    from messages m cross join lateral (select regexp_instr(m.body_html, ${regex}, 1, 1, 0, 'i') as at offset 0) f
    where m.ticket_id = ${ticketId} and m.workspace_id = ${ctx.workspaceId}
      ${withNotes ? sql`` : sql`and m.kind = 'reply'`}
      and f.at > 0
    order by m.id desc limit 1)`;
}

/** The snippets of a page's rows, from the HTML snippetColumn brought (else the subject). */
export function snippetsOf(
  rows: { id: number; subject: string; snippetHtml: string | null }[],
  terms: SnippetTerms,
): Map<number, TSnippet> {
  const out = new Map<number, TSnippet>();
  const patterns = termPatterns(terms);
  for (const r of rows) {
    if (r.snippetHtml) {
      const text = oneLine(htmlToText(wholeTags(r.snippetHtml)));
      const marks = markTerms(text, patterns);
      if (marks.length) {
        out.set(r.id, snippetOf(text, marks));
        continue;
      }
    }
    const subject = oneLine(r.subject);
    out.set(r.id, snippetOf(subject, markTerms(subject, patterns)));
  }
  return out;
}
