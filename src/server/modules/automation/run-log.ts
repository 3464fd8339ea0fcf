import { sql } from 'drizzle-orm';
import { triggerRuns } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/** What a trigger_runs row keeps besides its columns. */
export interface RunDetail {
  /** The trigger's name when it ran (the log still names a removed trigger). */
  name: string;
  /** The actions done, in order: `result` is what it did (`done`, `unchanged`, `queued`, the new value…). */
  actions: { kind: string; result: string }[];
  /** fired: null; failed: the error's message key; loop_stopped: `depth` or `fired_in_chain`. */
  reason: string | null;
  depth: number;
  /** The triggers already fired in the chain (ids). */
  chain: number[];
  /** The job that ran it: a retried job does not fire a trigger twice. */
  jobId: string;
}

export type Outcome = 'fired' | 'failed' | 'loop_stopped';

export async function writeRun(
  ctx: Ctx,
  run: { triggerId: number; ticketId: number; event: string; outcome: Outcome; detail: RunDetail },
) {
  await ctx.db.insert(triggerRuns).values({
    workspaceId: ctx.workspaceId,
    triggerId: run.triggerId,
    ticketId: run.ticketId,
    event: run.event,
    outcome: run.outcome,
    detail: run.detail,
    createdAt: ctx.deps.clock.now(),
  });
}

/** The triggers this job already logged for the ticket (a retry after a crash goes on after them). */
export async function loggedByJob(ctx: Ctx, ticketId: number, jobId: string): Promise<Set<number>> {
  const rows = await queryRows<{ trigger_id: string }>(
    ctx.db,
    sql`select trigger_id from trigger_runs where workspace_id = ${ctx.workspaceId} and ticket_id = ${ticketId}
      and detail->>'jobId' = ${jobId}`,
  );
  return new Set(rows.map((r) => Number(r.trigger_id)));
}
