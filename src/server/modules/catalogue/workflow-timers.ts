import { and, eq } from 'drizzle-orm';
import { ticketTimers } from '../../../db/schema';
import type { TTransition } from '../../../contracts/catalogue';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { addWorkingMinutes, workCalendarFor } from '../calendars';

export const WORKFLOW_TIMER_QUEUE = 'workflow.timer';

export interface WorkflowTimerJob {
  workspaceId: number;
  timerId: number;
}

/**
 * E3: after a transition the request's workflow timers start over — the old ones (of the step
 * it left) are dropped and the transition's own, if it has one, is set to its due instant in
 * working time and queued as a pg-boss job for that instant, in the transition's transaction.
 * A dropped timer's job still runs at its time, finds no row and ends: no scan, no cancel race.
 */
export async function restartWorkflowTimers(
  tx: Ctx,
  ticket: { id: number; departmentId: number },
  taken: TTransition,
): Promise<void> {
  await tx.db
    .delete(ticketTimers)
    .where(inWorkspace(ticketTimers, tx, and(eq(ticketTimers.ticketId, ticket.id), eq(ticketTimers.kind, 'workflow'))));
  if (!taken.timer) return;
  const now = tx.deps.clock.now();
  const cal = await workCalendarFor(tx, {
    calendarId: taken.timer.calendarId ? Number(taken.timer.calendarId) : null,
    departmentId: ticket.departmentId,
  });
  const dueAt = addWorkingMinutes(cal, now, taken.timer.workingMinutes);
  const [timer] = await tx.db
    .insert(ticketTimers)
    .values({
      workspaceId: tx.workspaceId,
      ticketId: ticket.id,
      kind: 'workflow',
      target: taken.timer.onExpiry,
      startedBy: taken.id,
      dueAt,
      createdAt: now,
    })
    .returning({ id: ticketTimers.id });
  await queueTimerJob(tx, timer.id, dueAt);
}

export async function queueTimerJob(tx: Ctx, timerId: number, dueAt: Date) {
  const job: WorkflowTimerJob = { workspaceId: tx.workspaceId, timerId };
  const jobId = await tx.deps.jobs.send(WORKFLOW_TIMER_QUEUE, job, { executor: tx.db, startAfter: dueAt });
  if (jobId) await tx.db.update(ticketTimers).set({ jobId }).where(eq(ticketTimers.id, timerId));
}

/** The running timers of a ticket, for its page: the transition each will take, and when. */
export async function timersOf(ctx: Ctx, ticketId: number) {
  const rows = await ctx.db
    .select({ target: ticketTimers.target, dueAt: ticketTimers.dueAt })
    .from(ticketTimers)
    .where(inWorkspace(ticketTimers, ctx, eq(ticketTimers.ticketId, ticketId), eq(ticketTimers.kind, 'workflow')))
    .orderBy(ticketTimers.dueAt);
  return rows.map((r) => ({ transitionId: r.target, dueAt: r.dueAt.toISOString() }));
}
