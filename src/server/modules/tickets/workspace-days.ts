import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../settings';

/**
 * Days as the workspace counts them (setting `timeZone`, Asia/Tehran by default): a date
 * filter `2026-03-21`, "today" on the dashboard and the days of the status chart all mean
 * that zone's midnight to midnight, whatever the server's or the reader's zone.
 */
export async function workspaceTimeZone(ctx: Ctx): Promise<string> {
  return (await getSettings(ctx)).timeZone;
}

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The instant a calendar day (YYYY-MM-DD) begins in `tz`, as SQL (PostgreSQL knows the zone's history). */
export function startOfDay(day: string, tz: string): SQL {
  return sql`((${day}::date)::timestamp at time zone ${tz})`;
}

// One formatter per zone, made once. Each new Intl.DateTimeFormat costs ~10 µs and some kilobytes
// of ICU memory outside V8's heap that only a later collection frees: made per request (the
// dashboard's "today") at thousands of requests a second, they held ~90 MB and left the process
// at ~390 MiB (bench/README.md, "The server as a bundle").
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: Date, tz: string): string {
  let format = dayFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size >= 1000) dayFormats.clear(); // zones are validated names: never this many
    dayFormats.set(tz, format);
  }
  return format.format(instant);
}

/** The calendar day `n` days after `day` (before, for a negative `n`). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
