import { isValid, parse } from 'date-fns-jalali';
import { latinDigits } from '../format';

/**
 * Reading and writing the text of a date field. A day travels as YYYY-MM-DD (Gregorian, as the
 * API takes it); people see and type year/month/day — Jalali in Persian, Gregorian in English —
 * with Persian, Arabic or Latin digits.
 */

const MARKS = /[\u200c-\u200f\u061c\u2066-\u2069]/g;
const SEPARATORS = /[\s/\\\-.,،٫٬]+/g;

/** The parts of a typed day once digits are Latin and separators are "/"; null when it is not y/m/d. */
function parts(text: string): [number, number, number] | null {
  const clean = latinDigits(text).replace(MARKS, '').trim().replace(SEPARATORS, '/');
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(clean) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(clean);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A `Date` (its local calendar day) as YYYY-MM-DD. */
export const dayOfDate = (d: Date): string => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** YYYY-MM-DD as a `Date` at local midnight (what the pickers work with); null when malformed. */
export function dateOfDay(day: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

function gregorian(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return ok ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

function jalali(y: number, m: number, d: number): string | undefined {
  // date-fns-jalali's parse refuses a day the month does not have (۱۴۰۵/۰۷/۳۱, ۱۴۰۴/۱۲/۳۰).
  const date = parse(`${y}/${m}/${d}`, 'y/M/d', new Date(2000, 0, 1));
  return isValid(date) ? dayOfDate(date) : undefined;
}

/**
 * What a person typed in a date field, as YYYY-MM-DD: null when the field is empty, undefined
 * when the text is not a day. In Persian the day is Jalali, unless its year is plainly a
 * Gregorian one (1900 or later); in English it is Gregorian.
 */
export function readDayText(text: string, lang: string): string | null | undefined {
  if (!text.replace(MARKS, '').trim()) return null;
  const p = parts(text);
  if (!p) return undefined;
  const [y, m, d] = p;
  if (y < 1000) return undefined;
  return lang === 'fa' && y < 1900 ? jalali(y, m, d) : gregorian(y, m, d);
}

/**
 * Whether the text looks finished: a four-digit year, a month and a two-digit day (or eight
 * digits). A finished text is applied as it is typed; an unfinished one when the field is left.
 */
export function looksComplete(text: string): boolean {
  const clean = latinDigits(text).replace(MARKS, '').trim().replace(SEPARATORS, '/');
  return /^\d{4}\/\d{1,2}\/\d{2}$/.test(clean) || /^\d{8}$/.test(clean);
}
