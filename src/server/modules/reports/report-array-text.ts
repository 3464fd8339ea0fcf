/**
 * PostgreSQL's text of one-dimensional number arrays without nulls (report_days' histograms),
 * parsed straight into typed arrays (report-day-memory.ts).
 */

/** How many entries an array's text holds ("{}" none, "{a,b}" two). */
export function sizeOf(text: string | null): number {
  if (!text || text.length <= 2) return 0;
  let n = 1;
  for (let i = 1; i < text.length - 1; i++) if (text.charCodeAt(i) === 44) n++;
  return n;
}

const COMMA = 44;
const CLOSE = 125;
const MINUS = 45;

/** Parses "{1,-2,3}" into `out` from `at`; the index after the last. */
export function wholeNumbers(text: string, out: Int16Array | Int32Array, at: number): number {
  let k = at;
  let v = 0;
  let negative = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE) {
      out[k++] = negative ? -v : v;
      v = 0;
      negative = false;
    } else if (c === MINUS) negative = true;
    else v = v * 10 + c - 48;
  }
  return k;
}

/** Parses "{1.5,2e+20,3}" (float8 as PostgreSQL writes it) into `out` from `at`; the index after the last. */
export function decimals(text: string, out: Float32Array, at: number): number {
  let k = at;
  let start = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE) {
      out[k++] = Number(text.slice(start, i));
      start = i + 1;
    }
  }
  return k;
}
