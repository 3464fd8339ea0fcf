import type { ItemOf } from '../../../app/api';
import { latinDigits } from '../../../ui/format';
import { IRANIAN_WEEK as IRANIAN_WORK_WEEK, WEEKDAYS as WEEK_ORDER } from '../../../../contracts/work-week';

/** A business calendar as the API gives it (K2), and its parts. */
export type Calendar = ItemOf<'listCalendars'>;
export type Week = Calendar['week'];
export type Weekday = keyof Week;
export type Holiday = Calendar['holidays'][number];
export type TimeWindow = [string, string];

export const CALENDARS_KEY = ['admin', 'calendars'] as const;

/** The days of the week, Saturday first (the Iranian week, in both languages). */
export const WEEKDAYS: Weekday[] = [...WEEK_ORDER];

/** The Iranian working week: Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off. */
export const IRANIAN_WEEK = IRANIAN_WORK_WEEK as Week;

/** A Saturday (2025-03-22) and the six days after it: weekday names come from the date formatter. */
export const WEEKDAY_SAMPLE: Record<Weekday, string> = {
  sat: '2025-03-22',
  sun: '2025-03-23',
  mon: '2025-03-24',
  tue: '2025-03-25',
  wed: '2025-03-26',
  thu: '2025-03-27',
  fri: '2025-03-28',
};

export const copyWeek = (week: Week): Week =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, week[d].map(([a, b]) => [a, b] as TimeWindow)])) as Week;

/**
 * A clock time as typed (any digits, "8", "8:5", "0830", "8.30") as the API takes it ("08:30");
 * text that cannot be read is given back as it is, for the server to name the problem.
 */
export function normaliseClock(text: string): string {
  const clean = latinDigits(text)
    .replace(/[\u200c-\u200f\u2066-\u2069\s]/g, '')
    .replace(/[.٫:：]/g, ':');
  const pad = (n: string) => n.padStart(2, '0');
  let m = /^(\d{1,2})$/.exec(clean);
  if (m) return `${pad(m[1])}:00`;
  m = /^(\d{1,2}):(\d{1,2})$/.exec(clean);
  if (m) return `${pad(m[1])}:${pad(m[2])}`;
  m = /^(\d{1,2})(\d{2})$/.exec(clean);
  if (m) return `${pad(m[1])}:${m[2]}`;
  return clean;
}

export const normaliseWeek = (week: Week): Week =>
  Object.fromEntries(
    WEEKDAYS.map((d) => [d, week[d].map(([a, b]) => [normaliseClock(a), normaliseClock(b)] as TimeWindow)]),
  ) as Week;

const minutesOf = (hhmm: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** The working minutes of a week (windows that cannot be read count nothing). */
export function weeklyMinutes(week: Week): number {
  let total = 0;
  for (const d of WEEKDAYS)
    for (const [a, b] of week[d]) {
      const span = minutesOf(b) - minutesOf(a);
      if (span > 0) total += span;
    }
  return total;
}

/** Whether a text is a clock time of a day ("00:00" to "23:59"). */
export const isClock = (hhmm: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm);

/** Holidays in date order (then by name): the order they are shown and sent in. */
export const sortHolidays = (list: Holiday[]): Holiday[] =>
  [...list].sort((a, b) => (a.date === b.date ? a.name.localeCompare(b.name) : a.date < b.date ? -1 : 1));

export const sameHoliday = (a: Holiday, b: Holiday) => a.date === b.date && a.name === b.name;

/** The year of a day in the interface's calendar: Jalali in Persian, Gregorian in English. */
export function yearOf(day: string, lang: string): number {
  if (lang !== 'fa') return Number(day.slice(0, 4));
  return jalaliYear(new Date(`${day}T12:00:00Z`), 'UTC');
}

/** The Jalali year of an instant on the clock of `timeZone`. */
export function jalaliYear(at: Date, timeZone: string): number {
  const fmt = (tz: string | undefined) =>
    new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { year: 'numeric', timeZone: tz }).formatToParts(at);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = fmt(timeZone);
  } catch {
    parts = fmt(undefined);
  }
  return Number(parts.find((p) => p.type === 'year')?.value);
}

/** How many minutes `timeZone`'s clock is ahead of UTC at an instant. */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - ms) / 60_000);
}

/**
 * A wall-clock day and time on `timeZone`'s clock as an instant with its offset, as the API takes
 * it: ("2026-03-17", "14:00", "Asia/Tehran") → "2026-03-17T14:00:00+03:30".
 */
export function zonedInstant(day: string, hhmm: string, timeZone: string): string {
  const wall = Date.parse(`${day}T${hhmm}:00Z`);
  let offset = 0;
  try {
    offset = offsetMinutes(wall, timeZone);
    offset = offsetMinutes(wall - offset * 60_000, timeZone);
  } catch {
    offset = 0;
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}T${hhmm}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Common time zones, Tehran first; the calendar's own is always offered. */
export function zoneOptions(current: string): string[] {
  const common = [
    'Asia/Tehran',
    'UTC',
    'Asia/Dubai',
    'Asia/Kabul',
    'Asia/Baku',
    'Asia/Yerevan',
    'Asia/Baghdad',
    'Europe/Istanbul',
    'Europe/Moscow',
    'Europe/Berlin',
    'Europe/London',
    'America/New_York',
    'America/Toronto',
    'Australia/Sydney',
  ];
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...common, current, ...known].filter(Boolean))];
}

/** The server's field messages under `prefix` ("week.thu"), by the rest of their path ("0", "0.1"). */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields))
    if (k === prefix) out[''] = v;
    else if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}
