import { getSettings } from '../settings';
import type { TicketEventSink } from '../tickets';
import { CSAT_SEND_QUEUE } from './surveys.repo';

export interface CsatSendJob {
  workspaceId: number;
  ticketId: number;
}

/**
 * The ticket-event sink of K5 (registered by buildApp): when a ticket becomes closed — by an
 * agent, a customer, auto-close or a bulk change — and the workspace sends surveys, queues
 * `csat.send` (after the configured delay) in the writer's transaction. Other events cost
 * nothing, and a close costs only the cached settings — no query: auto-close and bulk changes
 * close hundreds of tickets in a few statements (auto-close-restart.test.ts counts them), and
 * their jobs go out in one insert through the outbox. The job decides: a merged source, an
 * internal ticket, one without anyone to ask, or one already surveyed (a reopened and closed
 * again ticket) gets nothing.
 */
export const csatSink: TicketEventSink = async (ctx, event) => {
  if (event.type !== 'ticket.updated' || event.changes?.status?.to !== 'closed') return;
  const { csat } = await getSettings(ctx);
  if (!csat.enabled || csat.channels.length === 0) return;
  const data: CsatSendJob = { workspaceId: ctx.workspaceId, ticketId: event.ticketId };
  if (csat.delayMinutes === 0 && ctx.outbox) ctx.outbox.jobs.push({ name: CSAT_SEND_QUEUE, data });
  else
    await ctx.deps.jobs.send(CSAT_SEND_QUEUE, data, {
      executor: ctx.db,
      ...(csat.delayMinutes > 0 && { startAfter: csat.delayMinutes * 60 }),
    });
};
