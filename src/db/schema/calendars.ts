import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { departments } from './organisation';
import { workspaceFk } from './workspaces';

/**
 * Business calendars (K2, E3): the working windows of each weekday in a time zone, and the
 * days off. A workspace has one default calendar; a department may have its own.
 */
export const calendars = pgTable(
  'calendars',
  {
    id: id(),
    workspaceId: workspaceFk(),
    name: text().notNull(),
    timezone: text().notNull().default('Asia/Tehran'),
    /** { sat: [["08:00","16:00"]], …, fri: [] } — local wall-clock windows per weekday. */
    week: jsonb().notNull(),
    isDefault: boolean().notNull().default(false),
    /** The department whose timers and SLAs use this calendar (null: none in particular). */
    departmentId: ref().references(() => departments.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('calendars_workspace_idx').on(t.workspaceId, t.id),
    uniqueIndex('calendars_default_uq')
      .on(t.workspaceId)
      .where(sql`${t.isDefault}`),
    uniqueIndex('calendars_department_uq')
      .on(t.workspaceId, t.departmentId)
      .where(sql`${t.departmentId} is not null`),
  ],
);

/** A day off in a calendar: an official holiday (fixed or estimated lunar) or one the admin added. */
export const calendarHolidays = pgTable(
  'calendar_holidays',
  {
    id: id(),
    workspaceId: workspaceFk(),
    calendarId: ref()
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    /** The local date (Gregorian) in the calendar's zone. */
    date: date({ mode: 'string' }).notNull(),
    name: text().notNull(),
    /** 'fixed' | 'lunar' | 'manual' */
    source: text().notNull().default('manual'),
    confirmed: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex('calendar_holidays_day_uq').on(t.calendarId, t.date, t.name),
    check('calendar_holidays_source_ck', sql`${t.source} in ('fixed', 'lunar', 'manual')`),
  ],
);
