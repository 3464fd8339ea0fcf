import type { BodyOf } from '../../app/api';
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
/** PATCH /settings: only the fields that change (contact merges field by field). */
export type SettingsPatch = BodyOf<'updateSettings'>;

/** K5: the survey settings as the form keeps them (the delay as typed text). */
export type CsatDraft = Omit<Stored['csat'], 'delayMinutes'> & { delayMinutes: string };

/** The form's copy of the settings: numbers as typed text, allowed IPs as one address a line. */
export type Draft = Omit<Stored, NumberField | 'allowedIps' | 'csat'> &
  Record<NumberField, string> & { allowedIps: string; csat: CsatDraft };

/** The settings sent as they are (neither numbers, nor the IP list, nor the contact group). */
const PLAIN_FIELDS = [
  'title',
  'announcement',
  'suspended',
  'suspensionMessage',
  'customersCanRegister',
  'defaultLocale',
  'persianDigits',
  'timeZone',
  'guestFormEnabled',
  'guestAttachmentsEnabled',
  'attachmentsEnabled',
  'fetchAllDepartments',
  'importUnknownAddresses',
  'defaultAccessLevelId',
  'twoFactorRequired',
  'passwordResetUrl',
] as const satisfies ReadonlyArray<keyof SettingsPatch & keyof Draft>;
// A setting added to the API but missing above fails here, instead of never being saved.
type Unlisted = Exclude<keyof Draft, (typeof PLAIN_FIELDS)[number] | NumberField | 'allowedIps' | 'contact' | 'csat'>;
type NoneLeft<T extends never> = T;
type _EveryFieldListed = NoneLeft<Unlisted>;

export function toDraft(s: SettingsData): Draft {
  const { logoUrl: _l, loginImageUrl: _i, contact, allowedIps, csat, ...rest } = s;
  return {
    ...rest,
    contact: { ...contact },
    csat: { ...csat, channels: [...csat.channels], delayMinutes: String(csat.delayMinutes) },
    allowedIps: allowedIps.join('\n'),
    maxUploadMb: String(s.maxUploadMb),
    memberMaxUploadMb: String(s.memberMaxUploadMb),
    guestMaxUploadMb: String(s.guestMaxUploadMb),
    mailFetchIntervalMinutes: String(s.mailFetchIntervalMinutes),
    autoCloseDays: String(s.autoCloseDays),
  };
}

/** Persian and Arabic-Indic digits and the Persian decimal mark, as ASCII. */
export function asciiDigits(s: string): string {
  return s
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[٫,]/g, '.');
}

/** What a number box keeps of the typed text: digits (Latin, Persian or Arabic-Indic) and one decimal mark. */
export function numberText(s: string): string {
  const kept = s.replace(/[^0-9۰-۹٠-٩.,٫]/g, '');
  const mark = kept.search(/[.,٫]/);
  return mark < 0 ? kept : kept.slice(0, mark + 1) + kept.slice(mark + 1).replace(/[.,٫]/g, '');
}

/** The number in a box; undefined when it is empty (nothing to send). The range is the server's to judge. */
function parseNumber(text: string): number | undefined {
  const v = asciiDigits(numberText(text).trim());
  return v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

/** The non-empty lines of the IP box, each with its line number (1-based) for error messages. */
export function ipLines(text: string): Array<{ ip: string; line: number }> {
  return text
    .split('\n')
    .map((l, i) => ({ ip: asciiDigits(l.trim()), line: i + 1 }))
    .filter((l) => l.ip !== '');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` whose value differs from `old`'s. */
function changed<T extends object>(next: T, old: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k in next) if (!same(next[k], old[k])) out[k] = next[k];
  return out;
}

/** Only what changed, in the shape PATCH /settings takes (contact merges field by field). */
export function toPatch(d: Draft, saved: SettingsData): SettingsPatch {
  const out: SettingsPatch = {};
  const put = <K extends keyof SettingsPatch & keyof Stored>(key: K, value: SettingsPatch[K] | undefined) => {
    if (value !== undefined && !same(value, saved[key])) out[key] = value;
  };
  for (const k of PLAIN_FIELDS) put(k, d[k]);
  put(
    'allowedIps',
    ipLines(d.allowedIps).map((l) => l.ip),
  );
  for (const k of NUMBER_FIELDS) put(k, parseNumber(d[k]));
  const contact = changed(d.contact, saved.contact);
  if (Object.keys(contact).length) out.contact = contact;
  const delay = parseNumber(d.csat.delayMinutes);
  const csat = changed({ ...d.csat, delayMinutes: delay ?? saved.csat.delayMinutes }, saved.csat as Stored['csat']);
  if (Object.keys(csat).length) out.csat = csat;
  return out;
}
