import type { Ctx } from '../../platform/context';
import { activeWebhookEvents } from './active-webhooks';

export const WEBHOOK_DISPATCH_QUEUE = 'webhooks.dispatch';

/** What a ticket-event sink hands on: the job builds the payload's data from the ticket as it then is. */
export interface TicketSource {
  ticketId: number;
  messageId?: number;
  /** What changed (ticket.updated): status, new assignees, department moved to; for sla.* the kind. */
  changes?: Record<string, unknown>;
}

/**
 * One `webhooks.dispatch` job: it writes a delivery for each matching webhook and sends them.
 * `data` is the payload's data when the caller built it; `ticket` when the job is to build it.
 * `webhookId`: only that webhook (a trigger's "call a webhook" action, the test ping), whatever
 * events it subscribes to. `timestamp`: when the event happened (the payload's `timestamp`).
 */
export interface WebhookDispatchJob {
  workspaceId: number;
  event: string;
  timestamp: string;
  data?: Record<string, unknown>;
  ticket?: TicketSource;
  webhookId?: number;
}

async function enqueue(ctx: Ctx, job: WebhookDispatchJob) {
  if (ctx.outbox) ctx.outbox.jobs.push({ name: WEBHOOK_DISPATCH_QUEUE, data: job });
  else await ctx.deps.jobs.send(WEBHOOK_DISPATCH_QUEUE, job, { executor: ctx.db });
}

/**
 * Announces `event` to the workspace's active webhooks subscribed to it, in the caller's
 * transaction (the job exists only if the change commits). `payload` becomes the `data` of the
 * Standard Webhooks body `{ type, timestamp, data }`; it must be plain JSON. Costs no query when
 * the workspace has no webhook for the event (a 5-second per-process cache).
 * Used by the CSAT helper (`csat.answered`) and by the webhooks' own ticket-event sink.
 */
export async function queueWebhookEvent(ctx: Ctx, event: string, payload: Record<string, unknown>): Promise<void> {
  if (!(await activeWebhookEvents(ctx)).has(event)) return;
  await enqueue(ctx, {
    workspaceId: ctx.workspaceId,
    event,
    timestamp: ctx.deps.clock.now().toISOString(),
    data: payload,
  });
}

/**
 * Sends `event` with `payload` (the body's `data`) to one webhook of the workspace — a trigger's
 * "call a webhook" action — whether or not it subscribes to the event; nothing happens when the
 * webhook is gone or inactive by the time the job runs. In the caller's transaction.
 */
export async function queueWebhookCall(
  ctx: Ctx,
  webhookId: number,
  event: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await enqueue(ctx, {
    workspaceId: ctx.workspaceId,
    event,
    timestamp: ctx.deps.clock.now().toISOString(),
    data: payload,
    webhookId,
  });
}

/** For the ticket-event sink: the job builds `data` from the ticket (and message) when it runs. */
export async function queueTicketWebhook(ctx: Ctx, event: string, ticket: TicketSource): Promise<void> {
  if (!(await activeWebhookEvents(ctx)).has(event)) return;
  await enqueue(ctx, { workspaceId: ctx.workspaceId, event, timestamp: ctx.deps.clock.now().toISOString(), ticket });
}
