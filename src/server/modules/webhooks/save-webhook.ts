import { and, eq } from 'drizzle-orm';
import { webhooks } from '../../../db/schema';
import type { TCreateWebhook, TUpdateWebhook, TWebhook, TWebhookWithSecret } from '../../../contracts/webhooks';
import { withTx, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { forgetActiveWebhooks } from './active-webhooks';
import { checkWebhookUrl } from './check-url';
import {
  findWebhook,
  newWebhookSecret,
  PREVIOUS_SECRET_MS,
  requireAdmin,
  toWebhook,
  webhookSealer,
} from './webhooks.repo';

const where = (ctx: Ctx, id: number) => and(eq(webhooks.workspaceId, ctx.workspaceId), eq(webhooks.id, id));

/** Makes a webhook with a new signing secret, answered this once. */
export async function createWebhook({ ctx, input }: { ctx: Ctx; input: TCreateWebhook }): Promise<TWebhookWithSecret> {
  requireAdmin(ctx);
  await checkWebhookUrl(ctx, input.url);
  const secret = newWebhookSecret();
  const row = await withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [created] = await tx.db
      .insert(webhooks)
      .values({
        ...input,
        workspaceId: tx.workspaceId,
        secretSealed: webhookSealer(tx).seal(secret),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'webhook.created', 'webhook', created.id, { url: created.url, events: created.events });
    return created;
  });
  forgetActiveWebhooks(ctx);
  return { ...toWebhook(row, ctx.deps.clock.now()), secret };
}

export async function updateWebhook({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateWebhook;
}): Promise<TWebhook> {
  requireAdmin(ctx);
  if (!(await findWebhook(ctx, id))) throw NotFound();
  if (input.url !== undefined) await checkWebhookUrl(ctx, input.url);
  const row = await withTx(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(webhooks)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(where(tx, id))
      .returning();
    if (!updated) throw NotFound();
    await audit(tx, 'webhook.updated', 'webhook', id, { fields: Object.keys(input) });
    return updated;
  });
  forgetActiveWebhooks(ctx);
  return toWebhook(row, ctx.deps.clock.now());
}

/** Removes a webhook and its delivery log; its queued and planned deliveries stop. */
export async function deleteWebhook({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  requireAdmin(ctx);
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db.delete(webhooks).where(where(tx, id)).returning({ id: webhooks.id, url: webhooks.url });
    if (!row) throw NotFound();
    await audit(tx, 'webhook.deleted', 'webhook', id, { url: row.url });
  });
  forgetActiveWebhooks(ctx);
}

/**
 * A new signing secret, answered this once. The previous one keeps signing too — a second
 * `v1,` signature in `webhook-signature` — for 24 hours, so receivers can switch over; a
 * rotation within those hours drops the older one.
 */
export async function rotateWebhookSecret({ ctx, id }: { ctx: Ctx; id: number }): Promise<TWebhookWithSecret> {
  requireAdmin(ctx);
  const secret = newWebhookSecret();
  const row = await withTx(ctx, async (tx) => {
    const [current] = await tx.db.select().from(webhooks).where(where(tx, id)).for('update');
    if (!current) throw NotFound();
    const now = tx.deps.clock.now();
    const [updated] = await tx.db
      .update(webhooks)
      .set({
        secretSealed: webhookSealer(tx).seal(secret),
        previousSecretSealed: current.secretSealed,
        previousExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_MS),
        updatedAt: now,
      })
      .where(where(tx, id))
      .returning();
    await audit(tx, 'webhook.secret_rotated', 'webhook', id, {});
    return updated;
  });
  return { ...toWebhook(row, ctx.deps.clock.now()), secret };
}
