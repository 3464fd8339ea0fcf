import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { settings, ticketEvents, tickets } from '../../../db/schema';
import type { AppDeps, Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { parseSettings } from '../settings/settings.repo';
import { TICKET_COLUMNS } from './ticket-access';
import { announce } from './ticket-events';

export const AUTO_CLOSE_QUEUE = 'tickets.auto-close';
const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * C20, hourly: a pending ticket (waiting for the customer) whose status has not changed for
 * the workspace's `autoCloseDays` is closed; 0 means never. Returns how many were closed.
 */
export async function autoCloseTickets(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const db = deps.database.db;
  // No setting closes sooner than a day, so this range on tickets_pending_idx finds every candidate.
  const candidates = await queryRows<{ workspace_id: number }>(
    db,
    sql`select distinct workspace_id from tickets where status = 'pending' and deleted_at is null and status_changed_at < ${new Date(now.getTime() - DAY_MS)}`,
  );
  if (!candidates.length) return 0;
  const ids = candidates.map((r) => Number(r.workspace_id));
  const docs = await db
    .select({ workspaceId: settings.workspaceId, data: settings.data })
    .from(settings)
    .where(inArray(settings.workspaceId, ids));
  const byWorkspace = new Map(docs.map((d) => [d.workspaceId, d.data]));
  let closed = 0;
  for (const workspaceId of ids) {
    // A workspace without a settings row has the defaults, like everywhere else.
    const days = parseSettings(byWorkspace.get(workspaceId)).autoCloseDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    for (;;) {
      const n = await closeBatch(deps, workspaceId, cutoff, days, now);
      closed += n;
      if (n < BATCH) break;
    }
  }
  if (closed) deps.log.info({ closed }, 'pending tickets auto-closed');
  return closed;
}

/** Closes up to BATCH tickets of one workspace in one transaction; rows others hold are left for the next run. */
async function closeBatch(deps: AppDeps, workspaceId: number, cutoff: Date, days: number, now: Date): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const due = tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.status, 'pending'),
          isNull(tickets.deletedAt),
          lt(tickets.statusChangedAt, cutoff),
          eq(tickets.workspaceId, workspaceId),
        ),
      )
      .orderBy(tickets.statusChangedAt)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(tickets)
      .set({ status: 'closed', closedAt: now, statusChangedAt: now, updatedAt: now, waitingSince: null })
      .where(inArray(tickets.id, due))
      .returning(TICKET_COLUMNS);
    if (!rows.length) return 0;
    await tx
      .insert(ticketEvents)
      .values(
        rows.map((r) => ({
          workspaceId,
          ticketId: r.id,
          actorId: null,
          actorName: '',
          kind: 'auto_closed',
          data: { from: 'pending', to: 'closed', days },
          createdAt: now,
        })),
      );
    // The system acts: no actor, so the event and the notification job carry none.
    const ctx: Ctx = {
      workspaceId,
      actor: null,
      db: tx,
      inTx: true,
      locale: 'fa',
      ip: '',
      requestId: 'job:auto-close',
      deps,
    };
    for (const row of rows) await announce(ctx, row, 'ticket.updated');
    return rows.length;
  });
}
