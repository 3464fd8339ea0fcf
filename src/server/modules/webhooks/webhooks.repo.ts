import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../../db/schema';
import type { TWebhook, TWebhookDelivery } from '../../../contracts/webhooks';
import type { Ctx } from '../../platform/context';
import { createSealer } from '../../platform/crypto';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** The signing secrets, sealed: written, used to sign, shown once, never answered again or logged. */
export const webhookSealer = (ctx: Pick<Ctx, 'deps'>) => createSealer(ctx.deps.config.secretKey, 'webhook-secret');

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** How long the previous secret keeps signing after a rotation. */
export const PREVIOUS_SECRET_MS = 24 * 3600_000;

export function requireAdmin(ctx: Ctx) {
  if (requireActor(ctx).role !== 'admin') throw Forbidden();
}

export async function findWebhook(ctx: Ctx, id: number): Promise<WebhookRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.workspaceId, ctx.workspaceId), eq(webhooks.id, id)));
  return row;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API view: a whitelist — the secret only as `hasSecret`. */
export const toWebhook = (w: WebhookRow, now: Date): TWebhook => ({
  id: String(w.id),
  url: w.url,
  events: w.events,
  active: w.active,
  description: w.description,
  hasSecret: !!w.secretSealed,
  previousSecretExpiresAt:
    w.previousSecretSealed && w.previousExpiresAt && w.previousExpiresAt > now ? iso(w.previousExpiresAt) : null,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const toDelivery = (d: DeliveryRow): TWebhookDelivery => ({
  id: String(d.id),
  messageId: d.messageId,
  event: d.event,
  status: d.status as TWebhookDelivery['status'],
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  durationMs: d.lastDurationMs,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: iso(d.deliveredAt),
  // While an attempt is in flight the row holds its lease, not a planned attempt.
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
});
