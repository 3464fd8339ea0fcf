import type { TTriggerEvent } from '../../../contracts/triggers';
import type { TicketEvent, TicketEventSink } from '../tickets';
import { activeTriggerEvents } from './trigger-cache';
import { TRIGGERS_RUN_QUEUE, type TriggersRunJob } from './run-triggers.job';

/** The trigger event of a ticket event: an SLA warning or breach is its own (not ticket.updated). */
export function triggerEventOf(e: TicketEvent): TTriggerEvent | null {
  if (e.type === 'ticket.updated' && e.changes?.sla)
    return e.changes.sla.event === 'slaWarning' ? 'sla.warning' : 'sla.breached';
  if (e.type === 'ticket.created' || e.type === 'ticket.updated' || e.type === 'message.created') return e.type;
  return null;
}

/**
 * The ticket-event sink of triggers (registered in buildApp): in the writer's transaction, it
 * queues a `triggers.run` job only when the workspace has an active trigger for the event (a
 * per-process cache of at most 5 s, so no query per event). A change a trigger made carries
 * its chain (ctx.automation) into the next job: that is what stops loops.
 */
export const triggersSink: TicketEventSink = async (ctx, e) => {
  const event = triggerEventOf(e);
  if (!event || !(await activeTriggerEvents(ctx)).has(event)) return;
  const c = e.changes;
  const changes: TriggersRunJob['changes'] = c && {
    ...(c.status ? { status: c.status } : {}),
    ...(c.priority ? { priority: c.priority } : {}),
    ...(c.assigned ? { assigned: c.assigned } : {}),
    ...(c.transferredTo ? { transferredTo: c.transferredTo } : {}),
  };
  const data: TriggersRunJob = {
    workspaceId: ctx.workspaceId,
    ticketId: e.ticketId,
    event,
    ...(changes && Object.keys(changes).length ? { changes } : {}),
    ...(e.messageId ? { messageId: e.messageId } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
    chain: ctx.automation ? { depth: ctx.automation.depth, fired: ctx.automation.fired } : { depth: 0, fired: [] },
  };
  if (ctx.outbox) ctx.outbox.jobs.push({ name: TRIGGERS_RUN_QUEUE, data });
  else await ctx.deps.jobs.send(TRIGGERS_RUN_QUEUE, data, { executor: ctx.db });
};
