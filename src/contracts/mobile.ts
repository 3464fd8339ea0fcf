import { normalizeDigits } from './text';

/**
 * Normalises an Iranian mobile number to 09xxxxxxxxx. Accepts +98…, 0098…, 98…, 9… and
 * Persian or Arabic digits, with spaces, dashes and parentheses. Returns null when it is not one.
 */
export function normalizeMobile(input: string): string | null {
  let s = normalizeDigits(input).replace(/[\s\-().]/g, '');
  if (s.startsWith('+98')) s = s.slice(3);
  else if (s.startsWith('0098')) s = s.slice(4);
  else if (s.startsWith('98') && s.length === 12) s = s.slice(2);
  else if (s.startsWith('0')) s = s.slice(1);
  return /^9\d{9}$/.test(s) ? `0${s}` : null;
}
