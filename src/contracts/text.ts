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
