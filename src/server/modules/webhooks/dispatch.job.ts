import { randomBytes } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { withTx } from '../../platform/context';
import { jobCtx } from '../../platform/job-ctx';
import type { JobHandler } from '../../platform/jobs';
import { ticketEventData } from './build-payload';
import { WEBHOOK_DELIVER_QUEUE, type WebhookDeliverJob } from './deliver.job';
import type { WebhookDispatchJob } from './queue-event';

/** The `webhook-id` of a message: the same on every attempt, so receivers can drop repeats. */
const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/**
 * `webhooks.dispatch`: builds the Standard Webhooks body `{ type, timestamp, data }` (for a
 * ticket event from the ticket as it is now), writes one delivery per matching active webhook
 * and queues one `webhooks.deliver` job for each — in one transaction, so a retried dispatch
 * that failed before its commit leaves no half of it behind.
 */
export const webhookDispatchHandler =
  (deps: AppDeps): JobHandler<WebhookDispatchJob> =>
  async (job, meta) => {
    const ctx = jobCtx(deps, job.workspaceId, `webhooks.dispatch:${meta.id}`);
    const hooks = await ctx.db
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(
        and(
          eq(webhooks.workspaceId, ctx.workspaceId),
          eq(webhooks.active, true),
          job.webhookId !== undefined ? eq(webhooks.id, job.webhookId) : arrayContains(webhooks.events, [job.event]),
        ),
      );
    if (!hooks.length) return;
    const data = job.ticket ? await ticketEventData(ctx, job.ticket) : (job.data ?? {});
    if (!data) return; // the ticket or message is gone
    const payload = { type: job.event, timestamp: job.timestamp, data };
    await withTx(ctx, async (tx) => {
      const now = tx.deps.clock.now();
      const rows = await tx.db
        .insert(webhookDeliveries)
        .values(
          hooks.map((h) => ({
            workspaceId: tx.workspaceId,
            webhookId: h.id,
            messageId: newMessageId(),
            event: job.event,
            payload,
            nextAttemptAt: now,
            createdAt: now,
          })),
        )
        .returning({ id: webhookDeliveries.id });
      await tx.deps.jobs.insertMany(
        rows.map((r) => ({
          name: WEBHOOK_DELIVER_QUEUE,
          data: { workspaceId: tx.workspaceId, deliveryId: r.id } satisfies WebhookDeliverJob,
        })),
        { executor: tx.db },
      );
    });
  };
