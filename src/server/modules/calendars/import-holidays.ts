import { eq } from 'drizzle-orm';
import { calendars } from '../../../db/schema';
import type { THoliday } from '../../../contracts/calendars';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import type { Locale } from '../../platform/i18n';
import { audit } from '../audit';
import { queueSlaRecompute } from '../sla';
import { addHolidays, calendarOut, findCalendar } from './calendars.repo';
import { officialHolidays } from './iran-holidays';

/** A Jalali year's official holidays as a calendar keeps them: lunar ones to be confirmed. */
export function holidaysOfYear(jalaliYear: number, locale: Locale): THoliday[] {
  return officialHolidays(jalaliYear).map((h) => ({
    date: h.date,
    name: h.name[locale],
    source: h.source,
    confirmed: h.confirmed,
  }));
}

/** K2: adds a Jalali year's official holidays (those already there, same day and name, stay as they are). */
export async function importHolidays({ ctx, id, jalaliYear }: { ctx: Ctx; id: number; jalaliYear: number }) {
  const actor = requirePermission(ctx, 'settings.manage');
  return withTx(ctx, async (tx) => {
    if (!(await findCalendar(tx, id))) throw NotFound();
    const added = await addHolidays(tx, id, holidaysOfYear(jalaliYear, actor.locale));
    await tx.db
      .update(calendars)
      .set({ updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(calendars, tx, eq(calendars.id, id)));
    await audit(tx, 'calendar.holidays_imported', 'calendar', id, { jalaliYear, added });
    // E3: due times on this calendar move with it.
    await queueSlaRecompute(tx);
    return { added, calendar: await calendarOut(tx, id) };
  });
}
