/**
 * Persian-aware text normalisation, used identically when text is indexed and when it is
 * searched: Arabic yeh and kaf become Persian, digits of three scripts become ASCII, ZWNJ and
 * other joiners become a plain space, and Arabic diacritics (harakat, tatweel) are dropped.
 */
const MAP: Record<string, string> = {
  ي: 'ی', // ARABIC YEH
  ى: 'ی', // ALEF MAKSURA
  ك: 'ک', // ARABIC KAF
  ۀ: 'ه', // HEH WITH YEH ABOVE
  ة: 'ه', // TEH MARBUTA
};
const DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;
// Each joiner is removed on its own, ZWJ included, so the class is meant character by character.
// eslint-disable-next-line no-misleading-character-class
const JOINERS = /[\u200C\u200D\u200B\u2060\u00AD]/g;

export function normalizeDigits(input: string): string {
  return input.replace(DIGITS, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

export function normalizeText(input: string): string {
  return normalizeDigits(input)
    .replace(/[يىكۀة]/g, (c) => MAP[c] ?? c)
    .replace(DIACRITICS, '')
    .replace(JOINERS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** What JavaScript's `\s` (and so normalizeText's whitespace runs and trim) matches, by code. */
const SPACE_CODES = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
  0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);
const JOINER_CODES = new Set([0x200c, 0x200d, 0x200b, 0x2060, 0xad]);
const isDiacritic = (c: number) => (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
const MAP_CODES = new Map(Object.entries(MAP).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));

/**
 * Text whose normalised form has one character for each of its own (most text a snippet is cut
 * from: single spaces, no diacritics, letters whose lower case is one letter): anything else is
 * normalised character by character. A test, not a match with nested repetition: linear in any input.
 */
const NOT_ONE_TO_ONE_INSIDE =
  /[^\x20-\x7E\u00C0-\u00FF\u0600-\u063F\u0641-\u064A\u0660-\u066F\u0671-\u06FF\u200C\u200D]|[ \u200C\u200D][ \u200C\u200D]/;
const isGap = (c: number) => c === 0x20 || c === 0x200c || c === 0x200d;
const oneToOne = (s: string) =>
  !s.length || (!isGap(s.charCodeAt(0)) && !isGap(s.charCodeAt(s.length - 1)) && !NOT_ONE_TO_ONE_INSIDE.test(s));
const FOLD_ONE = /[\u06F0-\u06F9\u0660-\u0669يىكۀة\u200C\u200D]/g;
const foldOne = (c: string) => {
  const code = c.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 0x30);
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 0x30);
  return MAP[c] ?? ' ';
};
let identityMap: number[] = [];
const identity = (n: number) => {
  if (identityMap.length < n) identityMap = Array.from({ length: Math.max(n, 2 * identityMap.length) }, (_, k) => k);
  return identityMap.slice(0, n);
};

/**
 * normalizeText, with where each character of the result came from: `map[i]` is the offset in
 * `input` of the character that gave `text[i]` (search snippets mark words found in the
 * normalised text on the original one). One pass over character codes, no regular expression
 * per character: a page of search results runs it over every snippet's message.
 */
export function normalizeTextMapped(input: string): { text: string; map: number[] } {
  if (oneToOne(input)) return { text: input.toLowerCase().replace(FOLD_ONE, foldOne), map: identity(input.length) };
  // Lower-casing that depends on the letters around (Greek final sigma) is the whole string's.
  if (input.includes('\u03a3')) {
    const whole = normalizeText(input);
    return { text: whole, map: Array.from({ length: whole.length }, (_, k) => Math.min(k, input.length - 1)) };
  }
  const out: number[] = [];
  const map: number[] = [];
  let space = -1; // where a run of whitespace began, while in one
  const put = (code: number, at: number) => {
    if (space >= 0) {
      if (out.length) {
        out.push(0x20);
        map.push(space);
      }
      space = -1;
    }
    out.push(code);
    map.push(at);
  };
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (space < 0) space = i;
      } else put(code >= 0x41 && code <= 0x5a ? code + 32 : code, i);
    } else if (code >= 0x0600 && code <= 0x06ff) {
      // Arabic script: no case; digits to ASCII, diacritics dropped, yeh, kaf and heh folded.
      if (code >= 0x06f0 && code <= 0x06f9) put(code - 0x06f0 + 0x30, i);
      else if (code >= 0x0660 && code <= 0x0669) put(code - 0x0660 + 0x30, i);
      else if (!isDiacritic(code)) put(MAP_CODES.get(code) ?? code, i);
    } else if (SPACE_CODES.has(code) || JOINER_CODES.has(code)) {
      if (space < 0) space = i;
    } else {
      // Other scripts (and pairs: emoji, rare scripts): lower-cased as JavaScript does it.
      const at = i;
      const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < input.length;
      const lower = (pair ? input.slice(i, ++i + 1) : input[i]).toLowerCase();
      for (let k = 0; k < lower.length; k++) put(lower.charCodeAt(k), at);
    }
  }
  let text = '';
  for (let k = 0; k < out.length; k += 8192) text += String.fromCharCode(...out.slice(k, k + 8192));
  return { text, map };
}
