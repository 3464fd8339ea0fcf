import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { calendarHolidays, calendars, departments } from '../../../db/schema';
import type { TCalendar, THoliday, TWeek } from '../../../contracts/calendars';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import { iso } from '../../platform/pagination';
import type { WorkCalendar } from './working-time';

type CalendarRow = typeof calendars.$inferSelect;
type HolidayRow = Pick<typeof calendarHolidays.$inferSelect, 'calendarId' | 'date' | 'name' | 'source' | 'confirmed'>;

export async function findCalendar(ctx: Ctx, id: number): Promise<CalendarRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(calendars)
    .where(inWorkspace(calendars, ctx, eq(calendars.id, id)));
  return row;
}

/** The holidays of some calendars, by calendar, in date order. */
export async function holidaysOf(ctx: Ctx, ids: number[]): Promise<Map<number, HolidayRow[]>> {
  const out = new Map<number, HolidayRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await ctx.db
    .select({
      calendarId: calendarHolidays.calendarId,
      date: calendarHolidays.date,
      name: calendarHolidays.name,
      source: calendarHolidays.source,
      confirmed: calendarHolidays.confirmed,
    })
    .from(calendarHolidays)
    .where(inWorkspace(calendarHolidays, ctx, inArray(calendarHolidays.calendarId, ids)))
    .orderBy(asc(calendarHolidays.date), asc(calendarHolidays.id));
  for (const r of rows) out.get(r.calendarId)?.push(r);
  return out;
}

export function toCalendar(row: CalendarRow, holidays: HolidayRow[]): TCalendar {
  return {
    id: String(row.id),
    name: row.name,
    timezone: row.timezone,
    week: row.week as TWeek,
    holidays: holidays.map((h) => ({
      date: h.date,
      name: h.name,
      source: h.source as THoliday['source'],
      confirmed: h.confirmed,
    })),
    isDefault: row.isDefault,
    departmentId: row.departmentId === null ? null : String(row.departmentId),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

export async function calendarOut(ctx: Ctx, id: number): Promise<TCalendar> {
  const row = (await findCalendar(ctx, id))!;
  return toCalendar(row, (await holidaysOf(ctx, [id])).get(id)!);
}

/** What the arithmetic needs of a calendar. */
export async function workCalendarOf(ctx: Ctx, row: CalendarRow): Promise<WorkCalendar> {
  const holidays = (await holidaysOf(ctx, [row.id])).get(row.id)!;
  return { timezone: row.timezone, week: row.week as TWeek, holidays: new Set(holidays.map((h) => h.date)) };
}

/** Replaces a calendar's holidays with `list`. */
export async function setHolidays(ctx: Ctx, calendarId: number, list: THoliday[]) {
  await ctx.db
    .delete(calendarHolidays)
    .where(inWorkspace(calendarHolidays, ctx, eq(calendarHolidays.calendarId, calendarId)));
  await addHolidays(ctx, calendarId, list);
}

/** Adds holidays that are not there yet (same date and name); returns how many were added. */
export async function addHolidays(ctx: Ctx, calendarId: number, list: THoliday[]): Promise<number> {
  if (!list.length) return 0;
  const added = await ctx.db
    .insert(calendarHolidays)
    .values(
      list.map((h) => ({
        workspaceId: ctx.workspaceId,
        calendarId,
        date: h.date,
        name: h.name.trim(),
        source: h.source,
        confirmed: h.confirmed,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: calendarHolidays.id });
  return added.length;
}

/** A department a calendar is given to must be the workspace's and have no calendar yet. */
export async function checkDepartment(ctx: Ctx, departmentId: number | null | undefined, calendarId?: number) {
  if (departmentId === null || departmentId === undefined) return;
  const [dep] = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(inWorkspace(departments, ctx, eq(departments.id, departmentId)));
  if (!dep) throw InvalidField('departmentId', 'validation.unknown_department');
  const [taken] = await ctx.db
    .select({ id: calendars.id })
    .from(calendars)
    .where(inWorkspace(calendars, ctx, eq(calendars.departmentId, departmentId)));
  if (taken && taken.id !== calendarId) throw InvalidField('departmentId', 'validation.department_has_calendar');
}

/** Makes `id` the workspace's one default calendar. */
export async function makeDefault(ctx: Ctx, id: number) {
  await ctx.db
    .update(calendars)
    .set({ isDefault: false })
    .where(inWorkspace(calendars, ctx, and(eq(calendars.isDefault, true), sql`${calendars.id} <> ${id}`)));
  await ctx.db
    .update(calendars)
    .set({ isDefault: true })
    .where(inWorkspace(calendars, ctx, eq(calendars.id, id)));
}

export async function countCalendars(ctx: Ctx): Promise<number> {
  const [r] = await ctx.db.select({ n: count() }).from(calendars).where(inWorkspace(calendars, ctx));
  return Number(r.n);
}
