import { sql } from 'drizzle-orm';
import { calendars } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { workCalendarOf } from './calendars.repo';
import { DEFAULT_IRAN_WEEK, type WorkCalendar } from './working-time';

/**
 * The calendar a timer runs on (E3): the one named, else the department's own, else the
 * workspace's default; a workspace without any calendar falls back to the Iranian week with no
 * holidays rather than to wall-clock time.
 */
export async function workCalendarFor(
  ctx: Ctx,
  want: { calendarId?: number | null; departmentId?: number | null },
): Promise<WorkCalendar> {
  const [row] = await ctx.db
    .select()
    .from(calendars)
    .where(inWorkspace(calendars, ctx))
    .orderBy(
      sql`case when ${calendars.id} = ${want.calendarId ?? 0} then 0
               when ${calendars.departmentId} = ${want.departmentId ?? 0} then 1
               when ${calendars.isDefault} then 2 else 3 end`,
      calendars.id,
    )
    .limit(1);
  if (!row) return { timezone: 'Asia/Tehran', week: DEFAULT_IRAN_WEEK, holidays: new Set() };
  return workCalendarOf(ctx, row);
}
