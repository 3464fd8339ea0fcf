import { IRANIAN_WEEK } from '../../../contracts/work-week';
import {
  assertInstantInRange,
  assertTimeZone,
  DAY_MS,
  daysFromCivil,
  MINUTE_MS,
  offsetSegmentAt,
  WEEK_MS,
  weekdayOfDay,
} from './zoned-time';

/**
 * Business-hours arithmetic for SLA and workflow timers: how far a number of working minutes
 * reaches, and how many working minutes lie between two instants, on a calendar of weekly
 * wall-clock windows and holidays in one IANA zone.
 *
 * Semantics (the reference test checks them minute by minute against Intl):
 * - An instant is working when its local wall-clock time, in the calendar's zone, falls inside one
 *   of its weekday's windows `[start, end)` and its local date is not a holiday.
 * - Counting is in whole milliseconds, so `from`, `to` and results keep their seconds and ms;
 *   `workingMinutesBetween` is fractional only when an end lies off a minute boundary (30 working
 *   seconds are 0.5).
 * - DST: a window follows the wall clock. A wall-clock time that a spring-forward gap skips maps to
 *   the instant after the gap (the transition), so a window 02:30–04:00 on a night that jumps from
 *   02:00 to 03:00 lasts one hour, and 00:00–24:00 that day 23 hours. Wall-clock times that a
 *   fall-back overlap repeats are working both times (00:00–24:00 lasts 25 hours that day): the
 *   agents are at their desks for both real hours.
 * - A count that runs out exactly at a window's end answers that end, not the next window's start,
 *   so a deadline reads "16:00 Wednesday" rather than "08:00 Saturday".
 *
 * Cost: the walk jumps whole weeks between holidays and whole windows within a week; offsets come
 * from the per-zone cache in zoned-time.ts, so no Intl call is made once a zone's years are known.
 * A calendar is compiled (validated, parsed) once per object and cached by identity: treat
 * calendars as immutable, and pass a new object (or a new holidays collection) after a change.
 */

export type Weekday = 'sat' | 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri';
/** Local wall-clock "HH:MM" start (inclusive) and end (exclusive); the end may be "24:00". */
export type TimeWindow = [string, string];

export interface WorkCalendar {
  /** IANA zone, e.g. 'Asia/Tehran'. */
  timezone: string;
  /** Windows per weekday, sorted and non-overlapping (they may touch). */
  week: Record<Weekday, TimeWindow[]>;
  /** Local dates 'YYYY-MM-DD' (Gregorian) in the calendar's zone on which nothing is worked. */
  holidays: ReadonlySet<string> | string[];
}

/** Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off. */
export const DEFAULT_IRAN_WEEK: Record<Weekday, TimeWindow[]> = deepFreeze(
  structuredClone(IRANIAN_WEEK) as Record<Weekday, TimeWindow[]>,
);

/** Weekday names by Date#getUTCDay number. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** "No working minute within ~3 years": longer than any real run of holidays, short enough to fail fast. */
const IDLE_LIMIT_MS = 3 * 366 * DAY_MS;

interface CompiledCalendar {
  zone: string;
  /** By getUTCDay number: flat [start, end, start, end, …] in ms after local midnight. */
  windows: number[][];
  /** Working ms of any seven consecutive days without holidays. */
  weekMs: number;
  /** Sorted local day numbers (days since 1970-01-01). */
  holidays: number[];
  /** What the compiled form was made from, to notice a calendar object whose fields were replaced. */
  week: WorkCalendar['week'];
  holidaySource: WorkCalendar['holidays'];
  holidayCount: number;
}

const compiled = new WeakMap<WorkCalendar, CompiledCalendar>();

function deepFreeze(week: Record<Weekday, TimeWindow[]>): Record<Weekday, TimeWindow[]> {
  for (const windows of Object.values(week)) {
    for (const window of windows) Object.freeze(window);
    Object.freeze(windows);
  }
  return Object.freeze(week);
}

const CLOCK = /^(\d\d):(\d\d)$/;

/** Ms after midnight of "HH:MM" (00:00–23:59, or 24:00 where allowed), or null. */
function clockMs(text: unknown, allowEndOfDay: boolean): number | null {
  const match = typeof text === 'string' ? CLOCK.exec(text) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes !== 0 || !allowEndOfDay))) return null;
  return (hours * 60 + minutes) * MINUTE_MS;
}

function compileDay(name: Weekday, input: unknown): number[] {
  if (!Array.isArray(input)) throw new RangeError(`Working windows for ${name} must be an array`);
  const flat: number[] = [];
  for (const window of input as unknown[]) {
    const shown = JSON.stringify(window);
    if (!Array.isArray(window) || window.length !== 2) {
      throw new RangeError(`Working window ${shown} on ${name} must be a pair ["HH:MM", "HH:MM"]`);
    }
    const start = clockMs(window[0], false);
    const end = clockMs(window[1], true);
    if (start === null || end === null) {
      throw new RangeError(`Working window ${shown} on ${name} is not "HH:MM" (00:00–23:59, end up to 24:00)`);
    }
    if (start >= end) throw new RangeError(`Working window ${shown} on ${name} ends before it starts`);
    if (flat.length > 0 && start < flat[flat.length - 1]) {
      throw new RangeError(`Working window ${shown} on ${name} overlaps or precedes the one before it`);
    }
    flat.push(start, end);
  }
  return flat;
}

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

function holidayDay(text: unknown): number {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const number = daysFromCivil(year, month, day);
    const nextMonth = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
    if (month >= 1 && month <= 12 && day >= 1 && number < nextMonth) return number;
  }
  throw new RangeError(`Holiday ${JSON.stringify(text)} is not a date 'YYYY-MM-DD'`);
}

function compile(cal: WorkCalendar): CompiledCalendar {
  const cached = compiled.get(cal);
  const holidayCount = Array.isArray(cal.holidays) ? cal.holidays.length : (cal.holidays?.size ?? -1);
  if (
    cached !== undefined &&
    cached.zone === cal.timezone &&
    cached.week === cal.week &&
    cached.holidaySource === cal.holidays &&
    cached.holidayCount === holidayCount
  ) {
    return cached;
  }
  assertTimeZone(cal.timezone);
  if (typeof cal.week !== 'object' || cal.week === null) throw new RangeError('The working week must be an object');
  const windows = WEEKDAYS.map((name) => compileDay(name, cal.week[name]));
  let weekMs = 0;
  for (const day of windows) for (let i = 0; i < day.length; i += 2) weekMs += day[i + 1] - day[i];
  if (holidayCount < 0) throw new RangeError('Holidays must be an array or a set of dates');
  const holidays = [...new Set(Array.from(cal.holidays, holidayDay))].sort((a, b) => a - b);
  const result: CompiledCalendar = {
    zone: cal.timezone,
    windows,
    weekMs,
    holidays,
    week: cal.week,
    holidaySource: cal.holidays,
    holidayCount,
  };
  compiled.set(cal, result);
  return result;
}

function instantOf(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  assertInstantInRange(ms, what);
  return ms;
}

/** First index whose value is >= `value`. */
function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Walks working time from `from` until `budget` working ms are used up (then `at` is that instant)
 * or `limit` is reached (then `used` is the working ms in [from, limit)). An open-ended walk
 * (limit Infinity) gives up after IDLE_LIMIT_MS without a working minute.
 */
function walk(cal: CompiledCalendar, from: number, limit: number, budget: number): { at: number; used: number } {
  const holidays = cal.holidays;
  let used = 0;
  let lastWork = from;
  let t = from;
  while (t < limit) {
    const segment = offsetSegmentAt(cal.zone, t);
    const offset = segment.offset;
    const end = Math.min(segment.end, limit);
    // Inside the segment local wall-clock time is the instant shifted by `offset`: the walk runs on it.
    const localEnd = end + offset;
    let local = t + offset;
    let day = Math.floor(local / DAY_MS);
    // A fall-back transition sends the wall clock back, so the holiday cursor restarts per segment.
    let h = lowerBound(holidays, day);
    while (local < localEnd) {
      const dayStart = day * DAY_MS;
      while (h < holidays.length && holidays[h] < day) h++;
      const nextHoliday = h < holidays.length ? holidays[h] : Infinity;
      if (nextHoliday !== day) {
        if (local === dayStart && cal.weekMs > 0) {
          // Any whole week before the next holiday holds exactly weekMs; keep >= 1 ms of budget so
          // the last (partial) week is walked window by window.
          const weeks = Math.min(
            Math.floor((localEnd - dayStart) / WEEK_MS),
            Math.floor((nextHoliday - day) / 7),
            Math.floor((budget - used - 1) / cal.weekMs),
          );
          if (weeks > 0) {
            used += weeks * cal.weekMs;
            day += weeks * 7;
            local = day * DAY_MS;
            lastWork = local - offset;
            continue;
          }
        }
        const windows = cal.windows[weekdayOfDay(day)];
        for (let i = 0; i < windows.length; i += 2) {
          const start = Math.max(dayStart + windows[i], local);
          const stop = Math.min(dayStart + windows[i + 1], localEnd);
          if (stop <= start) continue;
          if (budget - used <= stop - start) return { at: start + (budget - used) - offset, used: budget };
          used += stop - start;
          lastWork = stop - offset;
        }
      }
      day += 1;
      local = day * DAY_MS;
      if (limit === Infinity && local - offset - lastWork > IDLE_LIMIT_MS) {
        throw new RangeError(
          `No working time in the calendar for ~3 years after ${new Date(lastWork).toISOString()} (all holidays?)`,
        );
      }
    }
    t = end;
  }
  return { at: limit, used };
}

/**
 * The instant at which `minutes` working minutes have passed since `from`. Counting starts at
 * `from` when it is working, else at the next window's start (so 0 minutes gives
 * `nextWorkingStart`); running out exactly at a window's end gives that end.
 * @throws RangeError for a negative or non-integer `minutes`, an invalid date, a malformed
 * calendar, a calendar with no working time, or no working minute within ~3 years.
 */
export function addWorkingMinutes(cal: WorkCalendar, from: Date, minutes: number): Date {
  const c = compile(cal);
  const start = instantOf(from, 'from');
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a non-negative integer, not ${minutes}`);
  }
  if (c.weekMs === 0) throw new RangeError('The calendar has no working time in its week');
  const budget = minutes * MINUTE_MS;
  // The answer is at least `budget` after `from`: refuse what cannot be a date before walking to it.
  assertInstantInRange(start + budget, 'The result');
  const { at } = walk(c, start, Infinity, budget);
  assertInstantInRange(at, 'The result');
  return new Date(at);
}

/**
 * Working minutes in [from, to): 0 when `to` <= `from`. Computed in whole ms, so the result is
 * fractional only when `from` or `to` is off a minute boundary (inside a window).
 */
export function workingMinutesBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const c = compile(cal);
  const start = instantOf(from, 'from');
  const end = instantOf(to, 'to');
  if (end <= start || c.weekMs === 0) return 0;
  return walk(c, start, end, Infinity).used / MINUTE_MS;
}

/** Whether `at` lies inside a working window on a day that is not a holiday. */
export function isWorkingInstant(cal: WorkCalendar, at: Date): boolean {
  const c = compile(cal);
  const ms = instantOf(at, 'at');
  const local = ms + offsetSegmentAt(c.zone, ms).offset;
  const day = Math.floor(local / DAY_MS);
  const holidays = c.holidays;
  const h = lowerBound(holidays, day);
  if (h < holidays.length && holidays[h] === day) return false;
  const time = local - day * DAY_MS;
  const windows = c.windows[weekdayOfDay(day)];
  for (let i = 0; i < windows.length; i += 2) {
    if (time >= windows[i] && time < windows[i + 1]) return true;
  }
  return false;
}

/**
 * `at` itself when it is working, else the start of the next window (as addWorkingMinutes counts).
 * @throws RangeError as addWorkingMinutes does when there is no next window.
 */
export function nextWorkingStart(cal: WorkCalendar, at: Date): Date {
  return addWorkingMinutes(cal, at, 0);
}
