import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { DeliveryRow, Outcome } from './delivery-types';
import { deleteGoneSubscription, recordPushSuccess, sendPush } from './push';

/**
 * A notification by Web Push (G1) to every browser the person subscribed: sent when one took
 * it; subscriptions the push service calls gone (404/410) are deleted; tried again later when
 * none took it and one may later (429, 5xx, network).
 */
export async function sendPushDelivery(ctx: Ctx, row: DeliveryRow): Promise<Outcome> {
  const p = row.payload;
  if (p.kind !== 'push' || row.userId === null) return { status: 'failed', reason: 'unreadable' };
  const subs = await queryRows<{ endpoint: string; p256dh: string; auth: string }>(
    ctx.db,
    sql`select endpoint, p256dh, auth from push_subscriptions where workspace_id = ${ctx.workspaceId} and user_id = ${row.userId}`,
  );
  if (!subs.length) return { status: 'skipped', reason: 'no_subscription' };
  let sent = 0;
  let later = false;
  const hosts: string[] = [];
  for (const s of subs) {
    const r = await sendPush(ctx.deps, s, { title: p.title, body: p.body, url: p.url, tag: p.tag });
    if (r.ok) {
      sent++;
      hosts.push(new URL(s.endpoint).host);
      await recordPushSuccess(ctx.deps, s.endpoint);
    } else if (r.gone) await deleteGoneSubscription(ctx.deps, s.endpoint);
    else if (r.retryable) later = true;
  }
  if (sent) return { status: 'sent', provider: 'webpush', to: hosts.join(', ') };
  if (later) return { status: 'retry', reason: 'push_unavailable' };
  return { status: 'failed', reason: 'push_refused' };
}
