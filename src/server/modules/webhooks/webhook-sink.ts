import type { Ctx } from '../../platform/context';
import type { TicketEvent } from '../tickets';
import { queueTicketWebhook } from './queue-event';

/**
 * The ticket-event sink (registered once by buildApp): maps an announced change to a webhook
 * event and, when an active webhook of the workspace wants it, queues one `webhooks.dispatch`
 * job in the writer's transaction. `ticket.updated` carrying an SLA warning or breach becomes
 * `sla.warning` / `sla.breached`; a new message (reply or note) is `message.created`. Nothing
 * is read here but the per-process cache of the workspace's subscribed events.
 */
export async function webhookTicketSink(ctx: Ctx, e: TicketEvent): Promise<void> {
  if (e.type === 'ticket.created') return queueTicketWebhook(ctx, 'ticket.created', { ticketId: e.ticketId });
  if (e.type === 'message.created' && e.messageId)
    return queueTicketWebhook(ctx, 'message.created', { ticketId: e.ticketId, messageId: e.messageId });
  if (e.type !== 'ticket.updated') return;
  const c = e.changes ?? {};
  if (c.sla) {
    const event = c.sla.event === 'slaBreached' ? 'sla.breached' : 'sla.warning';
    return queueTicketWebhook(ctx, event, { ticketId: e.ticketId, changes: { sla: { targets: c.sla.targets ?? [] } } });
  }
  // What changed, without the notification details (a workflow step's departments to tell).
  const changes: Record<string, unknown> = {};
  if (c.status) changes.status = c.status;
  if (c.assigned?.length) changes.assigned = c.assigned.map(String);
  if (c.transferredTo) changes.transferredTo = String(c.transferredTo);
  await queueTicketWebhook(ctx, 'ticket.updated', { ticketId: e.ticketId, changes });
}
