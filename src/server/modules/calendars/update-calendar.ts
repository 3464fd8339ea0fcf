import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { calendars } from '../../../db/schema';
import type { TCalendar, ZUpdateCalendar } from '../../../contracts/calendars';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { queueSlaRecompute } from '../sla';
import { calendarOut, checkDepartment, findCalendar, makeDefault, setHolidays } from './calendars.repo';
import { checkWeek } from './check-week';

/** K2: name, zone, week, the whole holiday list, the department; `isDefault: true` moves the default here. */
export async function updateCalendar({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZUpdateCalendar>;
}): Promise<TCalendar> {
  requirePermission(ctx, 'settings.manage');
  checkWeek(input.week);
  return withTx(ctx, async (tx) => {
    if (!(await findCalendar(tx, id))) throw NotFound();
    await checkDepartment(tx, input.departmentId, id);
    const { holidays, isDefault, ...fields } = input;
    await tx.db
      .update(calendars)
      .set({ ...fields, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(calendars, tx, eq(calendars.id, id)));
    if (isDefault) await makeDefault(tx, id);
    if (holidays) await setHolidays(tx, id, holidays);
    await audit(tx, 'calendar.updated', 'calendar', id, { fields: Object.keys(input) });
    // E3: due times on this calendar move with it.
    await queueSlaRecompute(tx);
    return calendarOut(tx, id);
  });
}
