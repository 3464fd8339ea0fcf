import { eq } from 'drizzle-orm';
import { calendars } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict, NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { queueSlaRecompute } from '../sla';
import { findCalendar } from './calendars.repo';

/** The default calendar stays (timers and SLAs fall back to it): make another the default first. */
export async function deleteCalendar({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'settings.manage');
  await withTx(ctx, async (tx) => {
    const row = await findCalendar(tx, id);
    if (!row) throw NotFound();
    if (row.isDefault) throw Conflict('errors.default_calendar');
    await tx.db.delete(calendars).where(inWorkspace(calendars, tx, eq(calendars.id, id)));
    await audit(tx, 'calendar.deleted', 'calendar', id, { name: row.name });
    // E3: due times on this calendar move with it.
    await queueSlaRecompute(tx);
  });
}
