import { z } from 'zod';
import { ZIdInput, ZPageQuery } from './common';
import { ZTimeZone } from './settings';
import { IRANIAN_WEEK, WEEKDAYS, type TWeekday } from './work-week';

/** Business calendars (K2, E3): api.md "Service catalogue, workflows, calendars and SLAs". */

export { WEEKDAYS, type TWeekday } from './work-week';

const ZClock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'validation.clock_time');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One working window of a day, local wall-clock: start (inclusive) to end (exclusive, "24:00" allowed). */
export const ZTimeWindow = z
  .tuple([ZClock, ZClock])
  .refine(([start, end]) => minutesOf(start) < minutesOf(end), 'validation.window_order');

const ZDayWindows = z
  .array(ZTimeWindow)
  .max(8)
  .superRefine((windows, ctx) => {
    for (let i = 1; i < windows.length; i++)
      if (minutesOf(windows[i][0]) < minutesOf(windows[i - 1][1]))
        ctx.addIssue({ code: 'custom', message: 'validation.windows_overlap', path: [i], input: windows[i] });
  });

/** The working windows of each weekday; a day with none is off. */
export const ZWeek = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayWindows])) as Record<TWeekday, typeof ZDayWindows>,
);
export type TWeek = z.infer<typeof ZWeek>;

/** The Iranian working week (work-week.ts), a fresh copy each time: a default zod hands out. */
export const DEFAULT_WEEK = (): TWeek => structuredClone(IRANIAN_WEEK) as TWeek;

/** A Gregorian calendar date that exists (2025-02-30 does not). */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'validation.date');

export const HOLIDAY_SOURCES = ['fixed', 'lunar', 'manual'] as const;

export const ZHoliday = z.object({
  date: ZDay,
  name: z.string().trim().min(1).max(120),
  source: z.enum(HOLIDAY_SOURCES).default('manual'),
  confirmed: z.boolean().default(true),
});
export type THoliday = z.infer<typeof ZHoliday>;

export const ZCalendar = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  week: ZWeek,
  holidays: z.array(
    z.object({
      date: z.string(),
      name: z.string(),
      source: z.enum(HOLIDAY_SOURCES),
      confirmed: z.boolean(),
    }),
  ),
  isDefault: z.boolean(),
  departmentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCalendar = z.infer<typeof ZCalendar>;

const ZHolidays = z
  .array(ZHoliday)
  .max(1000)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((h, i) => {
      const key = `${h.date} ${h.name.trim()}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'validation.holiday_twice', path: [i], input: h });
      seen.add(key);
    });
  });

export const ZCreateCalendar = z.object({
  name: z.string().trim().min(1).max(120),
  timezone: ZTimeZone.default('Asia/Tehran'),
  week: ZWeek.default(DEFAULT_WEEK),
  holidays: ZHolidays.default([]),
  /** Makes this the workspace's default calendar (the former default stays, as an ordinary one). */
  isDefault: z.boolean().default(false),
  departmentId: ZIdInput.nullable().default(null),
});

export const ZUpdateCalendar = z
  .object({
    name: z.string().trim().min(1).max(120),
    timezone: ZTimeZone,
    week: ZWeek,
    /** The whole list: holidays not in it are removed. */
    holidays: ZHolidays,
    isDefault: z.literal(true),
    departmentId: ZIdInput.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'validation.empty_patch');

export const ZListCalendarsQuery = ZPageQuery;

export const ZImportHolidays = z.object({ jalaliYear: z.number().int().min(1300).max(1500) });
export const ZImportedHolidays = z.object({ added: z.number().int(), calendar: ZCalendar });

/** An instant with its offset ("2025-03-19T15:00:00+03:30" or "…Z"). */
export const ZInstant = z.iso.datetime({ offset: true, message: 'validation.instant' });

export const ZDueQuery = z.object({
  from: ZInstant.refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1970 && year <= 2200;
  }, 'validation.instant_range'),
  /** Up to five years of working minutes. */
  workingMinutes: z
    .number()
    .int()
    .min(0)
    .max(5 * 365 * 24 * 60),
});
export const ZDue = z.object({ due: z.string() });
