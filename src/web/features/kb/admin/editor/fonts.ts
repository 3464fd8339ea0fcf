/**
 * The fonts and sizes the article editor offers (seed 001: «تغییر فونت و تغییر سایز فونت»). Only
 * these are written into an article (`<span style="font-family: …; font-size: …px">`), and only
 * these are read back from pasted or saved HTML: what the server's sanitiser keeps stays small.
 */
export const FONT_FAMILIES = ['Vazirmatn', 'Tahoma', 'sans-serif', 'serif', 'monospace'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

export const FONT_SIZES = [12, 14, 16, 18, 20, 24, 28, 32] as const;

/** The family named by a CSS `font-family` value (its first name, quotes dropped), if offered. */
export function readFontFamily(css: string | null | undefined): FontFamily | null {
  if (!css) return null;
  const first = css
    .split(',')[0]
    .trim()
    .replace(/^["']|["']$/g, '');
  return FONT_FAMILIES.find((f) => f.toLowerCase() === first.toLowerCase()) ?? null;
}

/** The size in whole pixels (8–72) of a CSS `font-size` value; other sizes and units are dropped. */
export function readFontSize(css: string | null | undefined): number | null {
  const m = /^\s*(\d{1,2})px\s*$/.exec(css ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 8 && n <= 72 ? n : null;
}

/** The writing direction of a `dir` attribute, when it is one a block may carry. */
export function readDir(value: string | null | undefined): 'rtl' | 'ltr' | null {
  return value === 'rtl' || value === 'ltr' ? value : null;
}
