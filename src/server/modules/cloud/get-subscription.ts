import type { TSubscription } from '../../../contracts/cloud';
import { inParallel, type Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { usageOf } from './limits';
import { requireCloud } from './list-plans';
import { getPlatformSettings } from './platform-settings';
import { planToApi } from './plans.repo';
import { graceEndsAt, subscriptionState } from './subscription-state';
import { getSubscriptionRow } from './subscription.repo';

/**
 * What a workspace made before cloud mode shows: no row, so no limit and no end. The end is the
 * latest date ISO 8601 writes, so a client comparing dates never sees it pass.
 */
const NEVER = '9999-12-31T23:59:59.999Z';

/** `GET /billing/subscription`: the plan, its state by the clock, its end and grace, and what is used. */
export async function getSubscription({ ctx }: { ctx: Ctx }): Promise<TSubscription> {
  requireCloud(ctx);
  requirePermission(ctx, 'billing.manage');
  const [sub, settings, usage] = await inParallel(
    ctx,
    () => getSubscriptionRow(ctx.db, ctx.workspaceId),
    () => getPlatformSettings(ctx.db),
    () => usageOf(ctx.db, ctx.workspaceId),
  );
  if (!sub)
    return {
      plan: {
        id: '0',
        name: 'نامحدود',
        nameEn: 'Unlimited',
        limits: { agents: null, customers: null, departments: null },
        prices: [],
        trial: false,
        trialDays: 0,
        active: true,
        position: 0,
      },
      state: 'active',
      endsAt: NEVER,
      graceEndsAt: NEVER,
      usage,
      suspensionMessage: null,
    };
  const state = subscriptionState(sub, sub.plan, settings, ctx.deps.clock.now());
  return {
    plan: planToApi(sub.plan),
    state,
    endsAt: sub.endsAt.toISOString(),
    graceEndsAt: graceEndsAt(sub.endsAt, settings).toISOString(),
    usage,
    suspensionMessage:
      state === 'suspended' ? (sub.suspensionNote ?? '') : state === 'expired' ? settings.expiredMessage : null,
  };
}
