import { sql } from 'drizzle-orm';
import { calendarHolidays, calendars } from '../../../db/schema';
import { DEFAULT_WEEK } from '../../../contracts/calendars';
import { queryRows, type Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { holidaysOfYear } from './import-holidays';
import { jalaliYearOf } from './iran-holidays';

const NAME: Record<Locale, string> = { fa: 'تقویم کاری', en: 'Working calendar' };

/**
 * K2: what a new workspace starts with — one default calendar, the Iranian week in Tehran's
 * time, and the official holidays of the current and the next Jalali year (lunar ones
 * unconfirmed). With 'missing', gives it to every workspace that has no calendar yet (those made
 * by an older version), at start.
 */
export async function addDefaultCalendars(
  db: Executor,
  now: Date,
  scope: { workspaceId: number } | 'missing',
): Promise<number[]> {
  const which =
    scope === 'missing'
      ? sql`not exists (select 1 from calendars c where c.workspace_id = w.id)`
      : sql`w.id = ${scope.workspaceId}`;
  const todo = await queryRows<{ id: number; locale: Locale }>(
    db,
    sql`select w.id, case when s.data ->> 'defaultLocale' = 'en' then 'en' else 'fa' end as locale
      from workspaces w left join settings s on s.workspace_id = w.id where ${which}`,
  );
  const year = jalaliYearOf(now);
  for (const { id, locale } of todo) {
    const workspaceId = Number(id);
    const [cal] = await db
      .insert(calendars)
      .values({
        workspaceId,
        name: NAME[locale],
        timezone: 'Asia/Tehran',
        week: DEFAULT_WEEK(),
        isDefault: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: calendars.id });
    if (!cal) continue; // another process gave it one meanwhile
    const holidays = [...holidaysOfYear(year, locale), ...holidaysOfYear(year + 1, locale)];
    await db
      .insert(calendarHolidays)
      .values(holidays.map((h) => ({ workspaceId, calendarId: cal.id, ...h })))
      .onConflictDoNothing();
  }
  return todo.map((t) => Number(t.id));
}
