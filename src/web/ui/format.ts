import { useTranslation } from 'react-i18next';
import { useDisplayPrefs } from '../app/prefs';

/**
 * Dates and numbers in the reader's language: Jalali (the `persian` calendar of Intl) for
 * Persian, Gregorian for English; Persian digits when the person (or the workspace) wants them.
 */
export function localeTag(lang: string, persianDigits: boolean, calendar = true): string {
  if (lang !== 'fa') return 'en-GB';
  return `fa-IR-u-${calendar ? 'ca-persian-' : ''}nu-${persianDigits ? 'arabext' : 'latn'}`;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(tag: string, opts: Intl.DateTimeFormatOptions) {
  const key = tag + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(tag, opts);
    } catch {
      // A time zone this browser does not know: its own zone rather than no date at all.
      f = new Intl.DateTimeFormat(tag, { ...opts, timeZone: undefined });
    }
    cache.set(key, f);
  }
  return f;
}

export const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
export const DATE_ONLY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

/** An instant, on the clock of `timeZone` (the workspace's; the browser's when not given). */
export function formatDate(
  iso: string | Date | null | undefined,
  lang: string,
  persianDigits: boolean,
  opts: Intl.DateTimeFormatOptions = DATE_TIME,
  timeZone?: string,
): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return dtf(localeTag(lang, persianDigits), timeZone ? { ...opts, timeZone } : opts).format(d);
}

/** Today's calendar day (YYYY-MM-DD) on the clock of `timeZone`, as the API's date filters take it. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/** A calendar day (YYYY-MM-DD, as the API gives days): the same day whatever the zone. */
export function formatDay(
  day: string,
  lang: string,
  persianDigits: boolean,
  opts: Intl.DateTimeFormatOptions = DATE_ONLY,
): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  return formatDate(`${day}T12:00:00Z`, lang, persianDigits, opts, 'UTC');
}

/** Persian (۰–۹) and Arabic (٠–٩) digits as ASCII ones, to read what people type. */
export function latinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * A calendar day (YYYY-MM-DD) as date fields show and take it: year/month/day with two-digit
 * month and day — Jalali in Persian (۱۴۰۵/۰۹/۱۱, or 1405/09/11 with Latin digits), Gregorian in
 * English (2026/12/02).
 */
export function formatDayNumeric(day: string, lang: string, persianDigits: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return '';
  if (lang !== 'fa') return `${m[1]}/${m[2]}/${m[3]}`;
  const parts = dtf(localeTag('fa', false), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).formatToParts(new Date(`${day}T12:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return digits(`${part('year')}/${part('month')}/${part('day')}`, 'fa', persianDigits);
}

/** The calendar day `n` days after `day` (both YYYY-MM-DD; `n` may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function formatNumber(n: number, lang: string, persianDigits: boolean): string {
  return new Intl.NumberFormat(localeTag(lang, persianDigits, false)).format(n);
}

/** Replaces ASCII digits in a string (a ticket number "#123", a code) by Persian ones when wanted. */
export function digits(text: string | number, lang: string, persianDigits: boolean): string {
  const s = String(text);
  return lang === 'fa' && persianDigits ? s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]) : s;
}

/** "3 h", "2 d": a compact duration for waiting times. */
export function formatDuration(
  seconds: number,
  lang: string,
  persianDigits: boolean,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  const s = Math.max(0, Math.floor(seconds));
  const n = (v: number) => formatNumber(v, lang, persianDigits);
  if (s < 3600) return t('time.minutes', { n: n(Math.max(1, Math.floor(s / 60))) });
  if (s < 86400) return t('time.hours', { n: n(Math.floor(s / 3600)) });
  return t('time.days', { n: n(Math.floor(s / 86400)) });
}

export function formatBytes(
  bytes: number,
  lang: string,
  persianDigits: boolean,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  const n = (v: number) => formatNumber(Math.round(v * 10) / 10, lang, persianDigits);
  if (bytes < 1024) return t('units.bytes', { n: n(bytes) });
  if (bytes < 1024 * 1024) return t('units.kb', { n: n(bytes / 1024) });
  return t('units.mb', { n: n(bytes / 1024 / 1024) });
}

/** The formatting functions bound to the current language and digit preference. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const { persianDigits, timeZone } = useDisplayPrefs();
  const lang = i18n.language;
  return {
    lang,
    timeZone,
    date: (iso: string | Date | null | undefined, opts?: Intl.DateTimeFormatOptions) =>
      formatDate(iso, lang, persianDigits, opts, timeZone),
    day: (day: string, opts?: Intl.DateTimeFormatOptions) => formatDay(day, lang, persianDigits, opts),
    /** A day as date fields show it: ۱۴۰۵/۰۹/۱۱ in Persian, 2026/12/02 in English. */
    dayNumeric: (day: string) => formatDayNumeric(day, lang, persianDigits),
    /** Today, the workspace's day (YYYY-MM-DD). */
    today: () => todayIn(timeZone),
    number: (n: number) => formatNumber(n, lang, persianDigits),
    digits: (s: string | number) => digits(s, lang, persianDigits),
    duration: (seconds: number) => formatDuration(seconds, lang, persianDigits, t),
    bytes: (b: number) => formatBytes(b, lang, persianDigits, t),
  };
}
