import { eq } from 'drizzle-orm';
import { payments, subscriptions } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { audit } from '../audit';
import { clearSubscriptionCache } from './check-workspace';
import { getSubscriptionRow } from './subscription.repo';
import { periodMs } from './subscription-quote';

type PaymentRow = typeof payments.$inferSelect;

/**
 * Applies a verified subscription payment, inside the verify's transaction and only after that
 * transaction claimed the payment (`credited_at` was null), so a payment is applied at most once
 * however many callbacks and reconcile runs race. The subscription row is locked while it changes:
 * two payments of one workspace apply one after the other.
 *
 * The same plan is extended by what was bought, from its end (or from now when it already ended);
 * another plan starts now for what was bought — the unused days of the old one were credited in
 * the price (the payment's `proration`). A workspace made before cloud mode gets its first row.
 */
export async function applySubscriptionPayment(tx: Ctx, p: PaymentRow): Promise<void> {
  if (!p.planId || !p.months || !p.periods) throw new Error(`payment ${p.id}: a subscription without its purchase`);
  const now = tx.deps.clock.now();
  const length = periodMs(p.months, p.periods);
  const current = await getSubscriptionRow(tx.db, tx.workspaceId, { forUpdate: true });
  const renewal = current?.planId === p.planId;
  const from = renewal ? Math.max(current.endsAt.getTime(), now.getTime()) : now.getTime();
  const endsAt = new Date(from + length);
  if (current) {
    await tx.db
      .update(subscriptions)
      .set({ planId: p.planId, endsAt, ...(renewal ? {} : { startedAt: now }), updatedAt: now })
      .where(eq(subscriptions.workspaceId, tx.workspaceId));
  } else {
    await tx.db
      .insert(subscriptions)
      .values({ workspaceId: tx.workspaceId, planId: p.planId, startedAt: now, endsAt, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: subscriptions.workspaceId,
        set: { planId: p.planId, startedAt: now, endsAt, updatedAt: now },
      });
  }
  await audit(tx, renewal ? 'subscription.renewed' : 'subscription.plan_changed', 'subscription', tx.workspaceId, {
    paymentId: p.id,
    planId: p.planId,
    fromPlanId: current?.planId ?? null,
    months: p.months,
    periods: p.periods,
    amount: p.amount,
    proration: p.proration ?? 0,
    previousEndsAt: current?.endsAt.toISOString() ?? null,
    endsAt: endsAt.toISOString(),
  });
  // This process's read-only gate sees the new end at once (others within their cache's few seconds).
  clearSubscriptionCache(tx.deps, tx.workspaceId);
}
