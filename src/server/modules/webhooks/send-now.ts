import { and, eq } from 'drizzle-orm';
import { webhookDeliveries } from '../../../db/schema';
import type { TWebhookDelivery } from '../../../contracts/webhooks';
import { withTx, type Ctx } from '../../platform/context';
import { Conflict, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { WEBHOOK_DELIVER_QUEUE } from './deliver.job';
import { queueWebhookCall } from './queue-event';
import { findWebhook, requireAdmin, toDelivery } from './webhooks.repo';

/** The test button: a `ping` event to this webhook alone, through the usual queue and log. */
export async function testWebhook({ ctx, id }: { ctx: Ctx; id: number }): Promise<{ queued: boolean }> {
  requireAdmin(ctx);
  const hook = await findWebhook(ctx, id);
  if (!hook) throw NotFound();
  if (!hook.active) throw Conflict('errors.webhook_inactive');
  await withTx(ctx, async (tx) => {
    await queueWebhookCall(tx, id, 'ping', { webhookId: String(id), url: hook.url });
    await audit(tx, 'webhook.tested', 'webhook', id, {});
  });
  return { queued: true };
}

/**
 * Sends a delivery again now — a failed one, or a pending one without waiting for its planned
 * attempt — with the same webhook-id. A succeeded delivery is not sent twice (409).
 */
export async function retryDelivery({
  ctx,
  id,
  deliveryId,
}: {
  ctx: Ctx;
  id: number;
  deliveryId: number;
}): Promise<TWebhookDelivery> {
  requireAdmin(ctx);
  const hook = await findWebhook(ctx, id);
  if (!hook) throw NotFound();
  return withTx(ctx, async (tx) => {
    const mine = and(
      eq(webhookDeliveries.workspaceId, tx.workspaceId),
      eq(webhookDeliveries.webhookId, id),
      eq(webhookDeliveries.id, deliveryId),
    );
    const [row] = await tx.db.select().from(webhookDeliveries).where(mine).for('update');
    if (!row) throw NotFound();
    if (row.status === 'succeeded') throw Conflict('errors.webhook_delivery_succeeded');
    if (!hook.active) throw Conflict('errors.webhook_inactive');
    const now = tx.deps.clock.now();
    const [updated] = await tx.db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: now })
      .where(mine)
      .returning();
    await tx.deps.jobs.send(WEBHOOK_DELIVER_QUEUE, { workspaceId: tx.workspaceId, deliveryId }, { executor: tx.db });
    await audit(tx, 'webhook.delivery_retried', 'webhook', id, { deliveryId: String(deliveryId) });
    return toDelivery(updated);
  });
}
