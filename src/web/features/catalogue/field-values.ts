import { latinDigits } from '../../ui/format';
import { cleanNumber } from '../../ui/NumberField';

/** The field kinds of a request type's form (contracts/catalogue.ts FIELD_KINDS). */
export type Kind =
  'text' | 'longtext' | 'number' | 'money' | 'phone' | 'mobile' | 'email' | 'select' | 'orgUnit' | 'date' | 'priority';

interface FieldLike {
  key: string;
  kind: Kind;
}

/**
 * What the form keeps while it is filled in: one string per field — numbers in Latin digits
 * without separators, a date as YYYY-MM-DD, an organisational unit by its id, '' when empty.
 */
export type Draft = Record<string, string>;

/** An empty form; priority fields start at the request type's default priority. */
export function emptyDraft(fields: FieldLike[], defaultPriority: string): Draft {
  return Object.fromEntries(fields.map((f) => [f.key, f.kind === 'priority' ? defaultPriority : '']));
}

/**
 * The form's values as `POST /requests` takes them: numbers and money as numbers, phone numbers
 * in Latin digits, text trimmed; empty fields are left out (the server says which are required).
 */
export function valuesToSend(fields: FieldLike[], draft: Draft): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const raw = (draft[f.key] ?? '').trim();
    if (!raw) continue;
    if (f.kind === 'number' || f.kind === 'money') {
      const n = Number(raw);
      out[f.key] = Number.isFinite(n) ? n : raw;
    } else if (f.kind === 'phone' || f.kind === 'mobile') out[f.key] = latinDigits(raw).replace(/[\s-]/g, '');
    else out[f.key] = raw;
  }
  return out;
}

/** Latin digits grouped by thousands with commas: "1250000" → "1,250,000" (a decimal part kept as is). */
export function groupThousands(latin: string): string {
  const [whole, fraction] = latin.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A grouped amount as the reader reads numbers: Persian digits and «٬» when wanted. */
export function shownAmount(latin: string, persianDigits: boolean): string {
  const grouped = groupThousands(latin);
  return persianDigits
    ? grouped
        .replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])
        .replace(/,/g, '٬')
        .replace(/\./g, '٫')
    : grouped;
}

/** What a money box keeps of typed text (any digits, any separators): Latin digits only. */
export const cleanAmount = (typed: string): string => cleanNumber(typed.replace(/[,٬]/g, ''), false);

/**
 * Where the caret goes in the new grouped text so that it stays after the same digit: after the
 * `digitsBefore`-th digit.
 */
export function caretAfterDigits(shown: string, digitsBefore: number): number {
  if (digitsBefore <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < shown.length; i++) {
    if (/[0-9۰-۹]/.test(shown[i]) && ++seen === digitsBefore) return i + 1;
  }
  return shown.length;
}

/** A stored value as a plain number (money and numbers come back as numbers, maybe as text). */
export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim()) {
    const n = Number(latinDigits(v).replace(/[,٬\s]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A stored organisational unit ({id, name}) or its bare id/name, as a name to show. */
export function unitName(v: unknown, units: Array<{ id: string; name: string }> = []): string | null {
  if (v && typeof v === 'object' && 'name' in v && typeof (v as { name: unknown }).name === 'string')
    return (v as { name: string }).name;
  if (typeof v === 'string' || typeof v === 'number') return units.find((u) => u.id === String(v))?.name ?? String(v);
  return null;
}

/** Whether a stored value is empty (left out or blank). */
export const isEmptyValue = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A ticket address's part — "12", "#12" or a desk request's key "SETIRAN-3" — as what the API
 * takes: a number, a key (upper-cased), or null for anything else.
 */
export function parseTicketRef(raw: string | undefined): { number: number } | { key: string } | null {
  const s = latinDigits(decodeURIComponent(raw ?? '').trim()).replace(/^#/, '');
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) && n > 0 ? { number: n } : null;
  }
  if (/^[A-Za-z]{2,10}-\d+$/.test(s)) return { key: s.toUpperCase() };
  return null;
}
