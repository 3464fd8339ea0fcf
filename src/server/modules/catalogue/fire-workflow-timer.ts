import { eq } from 'drizzle-orm';
import { ticketTimers } from '../../../db/schema';
import type { TField, TWorkflow } from '../../../contracts/catalogue';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { lockTicket } from '../tickets';
import { jobCtx } from '../notifications';
import { applyTransition } from './apply-transition';
import { findRequestType } from './catalogue.repo';
import { transitionOf } from './workflow';
import { queueTimerJob, type WorkflowTimerJob } from './workflow-timers';

export type TimerOutcome = 'taken' | 'gone' | 'early' | 'moved' | 'stale';

/**
 * E3: a workflow timer's job, at its due instant. The timer row decides: gone (the request
 * moved on, so it was dropped) → nothing; due later than now → this is the job of an earlier
 * due time (moved) and ends, unless it is the row's own job come early (another clock), which
 * queues itself again for the due instant; due → the row is deleted and the expiry's
 * transition taken by the system, if the request still stands where it can be taken. The row
 * lock makes it run once however many workers hold copies of the job.
 */
export async function fireWorkflowTimer(ctx: Ctx, timerId: number, jobId?: string): Promise<TimerOutcome> {
  return withTx(ctx, async (tx) => {
    const [timer] = await tx.db
      .select()
      .from(ticketTimers)
      .where(inWorkspace(ticketTimers, tx, eq(ticketTimers.id, timerId)))
      .for('update');
    if (!timer) return 'gone';
    const now = tx.deps.clock.now();
    if (timer.dueAt > now) {
      if (jobId && timer.jobId && timer.jobId !== jobId) return 'moved';
      await queueTimerJob(tx, timer.id, timer.dueAt);
      return 'early';
    }
    await tx.db.delete(ticketTimers).where(eq(ticketTimers.id, timer.id));
    const ticket = await lockTicket(tx, timer.ticketId);
    if (!ticket.requestTypeId || ticket.deletedAt || ticket.status === 'locked') return 'stale';
    const rt = await findRequestType(tx, ticket.requestTypeId, { removed: true });
    const workflow = rt.workflow as TWorkflow;
    const t = transitionOf(workflow, timer.target);
    if (!t || !t.from.includes(ticket.workflowStatus ?? '')) return 'stale';
    await applyTransition(tx, ticket, { fields: rt.fields as TField[], workflow }, t, {
      bodyHtml: '',
      attachmentIds: [],
      direction: 'auto',
      authorKind: 'system',
      authorName: '',
    });
    return 'taken';
  });
}

export const workflowTimerHandler = (deps: AppDeps) => async (data: WorkflowTimerJob, job: { id: string }) => {
  const ctx = jobCtx(deps, Number(data.workspaceId), `job:workflow-timer-${job.id}`);
  const outcome = await fireWorkflowTimer(ctx, Number(data.timerId), job.id);
  if (outcome === 'taken') deps.log.info({ timerId: data.timerId }, 'workflow timer expired: transition taken');
};
