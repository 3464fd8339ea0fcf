import type { SettingsData } from './types';

export const NUMBER_FIELDS = [
  'maxUploadMb',
  'memberMaxUploadMb',
  'guestMaxUploadMb',
  'mailFetchIntervalMinutes',
  'autoCloseDays',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
type Stored = Omit<SettingsData, 'logoUrl' | 'loginImageUrl'>;

/** The form's copy of the settings: numbers as typed text, allowed IPs as one address a line. */
export type Draft = Omit<Stored, NumberField | 'allowedIps'> & Record<NumberField, string> & { allowedIps: string };

export function toDraft(s: SettingsData): Draft {
  const { logoUrl: _l, loginImageUrl: _i, ...rest } = s;
  const d = { ...rest, contact: { ...rest.contact }, allowedIps: rest.allowedIps.join('\n') } as unknown as Draft;
  for (const k of NUMBER_FIELDS) d[k] = String(s[k]);
  return d;
}

/** Persian and Arabic-Indic digits and the Persian decimal mark, as ASCII. */
export function asciiDigits(s: string): string {
  return s
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[٫,]/g, '.');
}

/** The non-empty lines of the IP box, each with its line number (1-based) for error messages. */
export function ipLines(text: string): Array<{ ip: string; line: number }> {
  return text
    .split('\n')
    .map((l, i) => ({ ip: asciiDigits(l.trim()), line: i + 1 }))
    .filter((l) => l.ip !== '');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, in the shape PATCH /settings takes (contact merges field by field). */
export function toPatch(d: Draft, saved: SettingsData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const next: Record<string, unknown> = { ...d, allowedIps: ipLines(d.allowedIps).map((l) => l.ip) };
  for (const k of NUMBER_FIELDS) {
    const text = asciiDigits(d[k].trim());
    // Empty or not a number is sent as is, for the server to name the field's problem.
    next[k] = text === '' || Number.isNaN(Number(text)) ? text : Number(text);
  }
  for (const [k, v] of Object.entries(next)) {
    if (k === 'contact') continue;
    if (!same(v, (saved as unknown as Record<string, unknown>)[k])) out[k] = v;
  }
  const contact: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.contact))
    if (v !== saved.contact[k as keyof typeof saved.contact]) contact[k] = v;
  if (Object.keys(contact).length) out.contact = contact;
  return out;
}
