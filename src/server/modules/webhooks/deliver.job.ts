import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { webhookDeliveries, webhooks } from '../../../db/schema';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { jobCtx } from '../../platform/job-ctx';
import type { JobHandler } from '../../platform/jobs';
import { postWebhook } from './http-post';
import { webhookSealer, type WebhookRow } from './webhooks.repo';

export const WEBHOOK_DELIVER_QUEUE = 'webhooks.deliver';

export interface WebhookDeliverJob {
  workspaceId: number;
  deliveryId: number;
}

/**
 * Seconds to wait after each failed attempt (the Standard Webhooks schedule): the first try is
 * at once, then after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h; a seventh failure is final.
 */
export const RETRY_DELAYS_S = [5, 300, 1800, 7200, 18_000, 36_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;

/** An attempt holds its delivery this long (lookup 5 s + request 10 s, with room); a dead worker's is taken again after. */
const LEASE_MS = 30_000;

/** Thrown while another attempt holds the delivery: pg-boss tries the job again a little later. */
export class DeliveryBusy extends Error {
  constructor(id: number) {
    super(`webhook delivery ${id} is being sent by another attempt`);
  }
}

export const USER_AGENT = 'Pishkhan-Webhooks/1';

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` with
 * the current secret, and a second one with the previous secret while it still signs (24 h after
 * a rotation), space-separated as Standard Webhooks allows.
 */
export function signatures(ctx: Pick<Ctx, 'deps'>, hook: WebhookRow, messageId: string, at: Date, body: string) {
  const sealer = webhookSealer(ctx);
  const secrets = [hook.secretSealed];
  if (hook.previousSecretSealed && hook.previousExpiresAt && hook.previousExpiresAt > at)
    secrets.push(hook.previousSecretSealed);
  return secrets.map((s) => new Webhook(sealer.open(s)).sign(messageId, at, body)).join(' ');
}

/**
 * `webhooks.deliver`: one attempt of one delivery. The attempt claims the row in one conditional
 * update (pending and due; counts the attempt and takes a lease), so two jobs never send it at
 * once; then POSTs the body signed per Standard Webhooks and records the status code, error and
 * duration. A failure plans the next attempt (RETRY_DELAYS_S) as a job starting then, until the
 * last, which marks it `failed`. A deleted webhook's deliveries are gone with it: the job ends.
 */
export const webhookDeliverHandler =
  (deps: AppDeps): JobHandler<WebhookDeliverJob> =>
  async (job, meta) => {
    const ctx = jobCtx(deps, job.workspaceId, `webhooks.deliver:${meta.id}`);
    const now = ctx.deps.clock.now();
    const mine = and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.id, job.deliveryId));
    const [claimed] = await ctx.db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        and(
          mine,
          eq(webhookDeliveries.status, 'pending'),
          or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now)),
        ),
      )
      .returning();
    if (!claimed) {
      const [row] = await ctx.db
        .select({ status: webhookDeliveries.status, nextAttemptAt: webhookDeliveries.nextAttemptAt })
        .from(webhookDeliveries)
        .where(mine);
      // Held by an attempt in flight (or one whose worker died): come back when its lease is over.
      // A planned attempt further ahead has its own job; a finished or deleted delivery needs nothing.
      if (row?.status === 'pending' && row.nextAttemptAt && row.nextAttemptAt.getTime() - now.getTime() <= LEASE_MS)
        throw new DeliveryBusy(job.deliveryId);
      return;
    }
    const [hook] = await ctx.db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.workspaceId, ctx.workspaceId), eq(webhooks.id, claimed.webhookId)));
    if (!hook) return; // deleted meanwhile (its deliveries go with it)
    if (!hook.active) {
      await ctx.db
        .update(webhookDeliveries)
        .set({ status: 'failed', lastError: 'inactive', nextAttemptAt: null })
        .where(mine);
      return;
    }

    const body = JSON.stringify(claimed.payload);
    const sentAt = ctx.deps.clock.now();
    const started = performance.now();
    const result = await postWebhook(
      ctx.deps,
      hook.url,
      {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': claimed.messageId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signatures(ctx, hook, claimed.messageId, sentAt, body),
      },
      body,
    );
    const durationMs = Math.round(performance.now() - started);
    const attempt = { lastStatusCode: result.status, lastError: result.error, lastDurationMs: durationMs };
    const after = ctx.deps.clock.now();
    if (result.ok) {
      await ctx.db
        .update(webhookDeliveries)
        .set({ ...attempt, status: 'succeeded', deliveredAt: after, nextAttemptAt: null })
        .where(mine);
      return;
    }
    if (claimed.attempts >= MAX_ATTEMPTS) {
      await ctx.db
        .update(webhookDeliveries)
        .set({ ...attempt, status: 'failed', nextAttemptAt: null })
        .where(mine);
      ctx.deps.log.info(
        { webhookId: hook.id, deliveryId: claimed.id, error: result.error },
        'webhook delivery failed for good',
      );
      return;
    }
    const next = new Date(after.getTime() + RETRY_DELAYS_S[claimed.attempts - 1] * 1000);
    await withTx(ctx, async (tx) => {
      await tx.db
        .update(webhookDeliveries)
        .set({ ...attempt, nextAttemptAt: next })
        .where(mine);
      await tx.deps.jobs.send(WEBHOOK_DELIVER_QUEUE, job, { executor: tx.db, startAfter: next });
    });
  };
