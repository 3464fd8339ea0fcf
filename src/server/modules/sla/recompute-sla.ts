import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { jobCtx } from '../notifications';
import { TICKET_COLUMNS, type TicketRow } from '../tickets';
import { forgetSlaRules } from './sla-rules';
import { queueSlaChecks, slaChanges } from './sla-write';

export const SLA_RECOMPUTE_QUEUE = 'sla.recompute';
const BATCH = 500;

export interface SlaRecomputeJob {
  workspaceId: number;
}

/** Queued in the transaction of a policy or calendar change: the open tickets get recomputed after commit. */
export async function queueSlaRecompute(tx: Ctx) {
  forgetSlaRules(tx.workspaceId);
  const job: SlaRecomputeJob = { workspaceId: tx.workspaceId };
  await tx.deps.jobs.send(SLA_RECOMPUTE_QUEUE, job, { executor: tx.db });
}

/**
 * E3: after a policy or calendar changed, every open ticket's SLA under the rules as they are
 * now — batches of 500 in id order, each in its own transaction with the rows locked, only the
 * rows whose SLA moved written, and their timer jobs queued. Returns how many moved.
 */
export async function recomputeSla(ctx: Ctx): Promise<number> {
  forgetSlaRules(ctx.workspaceId);
  let after = 0;
  let moved = 0;
  for (;;) {
    const done = await withTx(ctx, async (tx) => {
      const rows = (await tx.db
        .select(TICKET_COLUMNS)
        .from(tickets)
        .where(
          inWorkspace(
            tickets,
            tx,
            gt(tickets.id, after),
            isNull(tickets.deletedAt),
            inArray(tickets.status, ['active', 'pending']),
          ),
        )
        .orderBy(asc(tickets.id))
        .limit(BATCH)
        .for('update')) as TicketRow[];
      const now = tx.deps.clock.now();
      for (const row of rows) {
        const sla = await slaChanges(tx, row, now);
        if (!sla) continue;
        await tx.db
          .update(tickets)
          .set(sla)
          .where(and(eq(tickets.workspaceId, tx.workspaceId), eq(tickets.id, row.id)));
        await queueSlaChecks(tx, row.id, row, sla, now);
        moved++;
      }
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length < BATCH;
    });
    if (done) return moved;
  }
}

export const slaRecomputeHandler = (deps: AppDeps) => async (data: SlaRecomputeJob) => {
  const ctx = jobCtx(deps, Number(data.workspaceId), 'job:sla-recompute');
  const moved = await recomputeSla(ctx);
  deps.log.info({ workspaceId: data.workspaceId, moved }, 'SLA recomputed for open tickets');
};
