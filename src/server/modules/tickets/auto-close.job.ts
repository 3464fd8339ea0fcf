import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { ticketEvents, tickets } from '../../../db/schema';
import type { AppDeps, Ctx } from '../../platform/context';
import { queryRows, type Tx } from '../../platform/db/database';
import { parseSettings } from '../settings';
import { TICKET_COLUMNS } from './ticket-access';
import { flushOutbox, notifyLive, queueNotification } from './ticket-events';

export const AUTO_CLOSE_QUEUE = 'tickets.auto-close';
const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * Since when a pending ticket has waited for its customer: the agent's last answer (each new
 * answer starts the days again) or, when it was set pending later without an answer, that
 * status change. GREATEST skips a null `last_agent_reply_at`. `tickets_pending_since_idx` is
 * built on this very expression, so every query below reads only the index range it needs.
 */
export const PENDING_SINCE = sql`greatest(${tickets.statusChangedAt}, ${tickets.lastAgentReplyAt})`;

/**
 * C20, hourly: a pending ticket (waiting for the customer) that nobody answered or moved for
 * the workspace's `autoCloseDays` is closed; 0 means never. One query finds the workspaces
 * with candidates and their settings; each workspace is then closed in batches of one
 * UPDATE each. Returns how many tickets were closed.
 */
export async function autoCloseTickets(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  // No setting closes sooner than a day, so tickets pending for less than a day are no candidates.
  const workspaces = await queryRows<{ id: number; data: unknown }>(
    deps.database.db,
    sql`select w.id, s.data from workspaces w left join settings s on s.workspace_id = w.id
        where exists (select 1 from ${tickets} where ${tickets.workspaceId} = w.id and ${tickets.status} = 'pending'
          and ${tickets.deletedAt} is null and ${PENDING_SINCE} < ${new Date(now.getTime() - DAY_MS)})
        order by w.id`,
  );
  let closed = 0;
  for (const w of workspaces) {
    // A workspace without a settings row has the defaults, like everywhere else.
    const days = parseSettings(w.data).autoCloseDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    for (;;) {
      const n = await closeBatch(deps, Number(w.id), cutoff, days, now);
      closed += n;
      if (n < BATCH) break;
    }
  }
  if (closed) deps.log.info({ closed }, 'pending tickets auto-closed');
  return closed;
}

/**
 * Closes up to BATCH tickets of one workspace in one transaction: one UPDATE (rows others hold
 * — an agent answering right now — are skipped and looked at again next run), then one insert
 * for the event log, one query for followers, one job insert and one NOTIFY statement.
 */
async function closeBatch(deps: AppDeps, workspaceId: number, cutoff: Date, days: number, now: Date): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const due = tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.workspaceId, workspaceId),
          eq(tickets.status, 'pending'),
          isNull(tickets.deletedAt),
          lt(PENDING_SINCE, cutoff),
        ),
      )
      .orderBy(asc(PENDING_SINCE))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(tickets)
      .set({ status: 'closed', closedAt: now, statusChangedAt: now, updatedAt: now, waitingSince: null })
      .where(inArray(tickets.id, due))
      .returning(TICKET_COLUMNS);
    if (!rows.length) return 0;
    await tx.insert(ticketEvents).values(
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
    // The system acts: no actor, so the event and the notification jobs carry none. The outbox
    // collects every announcement of the batch and sends them in one statement each.
    const ctx: Ctx = {
      workspaceId,
      actor: null,
      db: tx,
      inTx: true,
      locale: 'fa',
      ip: '',
      requestId: 'job:auto-close',
      deps,
      outbox: { jobs: [], notifies: [] },
    };
    const participants = await participantsOf(
      tx,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      await notifyLive(ctx, row, 'ticket.updated', {}, participants.get(row.id) ?? []);
      await queueNotification(ctx, row.id, 'ticket.updated', {
        changes: { status: { from: 'pending', to: 'closed' } },
      });
    }
    await flushOutbox(ctx);
    return rows.length;
  });
}

/** Followers and people a ticket is shared with (they widen who sees it live), for many tickets at once. */
async function participantsOf(tx: Tx, ticketIds: number[]): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ ticket_id: number; user_id: number }>(
    tx,
    sql`select ticket_id, user_id from ticket_participants
        where ticket_id in (${sql.join(
          ticketIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and kind in ('follower', 'shared')`,
  );
  const byTicket = new Map<number, number[]>();
  for (const r of rows) {
    const list = byTicket.get(Number(r.ticket_id)) ?? [];
    // The same cap as notifyLive's own query: a NOTIFY payload has a size limit.
    if (list.length < 200) list.push(Number(r.user_id));
    byTicket.set(Number(r.ticket_id), list);
  }
  return byTicket;
}
