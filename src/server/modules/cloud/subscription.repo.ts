import { eq } from 'drizzle-orm';
import { plans, subscriptions } from '../../../db/schema';
import type { Executor } from '../../platform/db/database';
import { ensureTrialPlan, type PlanRow } from './plans.repo';

const DAY_MS = 86_400_000;

export type SubscriptionRow = typeof subscriptions.$inferSelect;
/** A workspace's subscription with its plan. */
export type SubscriptionWithPlan = SubscriptionRow & { plan: PlanRow };

/**
 * The workspace's subscription and plan, or null for a workspace made before cloud mode was
 * turned on (it counts as unlimited and active). `forUpdate` locks the subscription row (a
 * purchase extending `endsAt`).
 */
export async function getSubscriptionRow(
  db: Executor,
  workspaceId: number,
  opts: { forUpdate?: boolean } = {},
): Promise<SubscriptionWithPlan | null> {
  const q = db
    .select({ s: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.workspaceId, workspaceId));
  const rows = await (opts.forUpdate ? q.for('update', { of: subscriptions }) : q);
  const r = rows[0];
  return r ? { ...r.s, plan: r.plan } : null;
}

/**
 * A new workspace's trial: the active trial plan (made if missing) until now + its trialDays.
 * Runs in the caller's transaction (workspace creation), so a workspace never exists without it.
 */
export async function startTrialSubscription(
  db: Executor,
  workspaceId: number,
  ownerMobile: string | null,
  now: Date,
): Promise<SubscriptionRow> {
  const plan = await ensureTrialPlan(db, now);
  const [row] = await db
    .insert(subscriptions)
    .values({
      workspaceId,
      planId: plan.id,
      startedAt: now,
      endsAt: new Date(now.getTime() + plan.trialDays * DAY_MS),
      ownerMobile,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
