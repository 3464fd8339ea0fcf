import type { z } from 'zod';
import { calendars } from '../../../db/schema';
import type { TCalendar, ZCreateCalendar } from '../../../contracts/calendars';
import { withTx, type Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { addHolidays, calendarOut, checkDepartment, countCalendars, makeDefault } from './calendars.repo';
import { checkWeek } from './check-week';

/** K2: a calendar; the workspace's first one is its default whatever `isDefault` says. */
export async function createCalendar({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZCreateCalendar>;
}): Promise<TCalendar> {
  requirePermission(ctx, 'settings.manage');
  checkWeek(input.week);
  return withTx(ctx, async (tx) => {
    await checkDepartment(tx, input.departmentId);
    const first = (await countCalendars(tx)) === 0;
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(calendars)
      .values({
        workspaceId: tx.workspaceId,
        name: input.name,
        timezone: input.timezone,
        week: input.week,
        departmentId: input.departmentId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: calendars.id });
    if (first || input.isDefault) await makeDefault(tx, row.id);
    await addHolidays(tx, row.id, input.holidays);
    await audit(tx, 'calendar.created', 'calendar', row.id, { name: input.name });
    return calendarOut(tx, row.id);
  });
}
