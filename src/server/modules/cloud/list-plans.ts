import type { TPlan } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { listActivePlans, planToApi } from './plans.repo';

/** Cloud routes answer 404 in a self-hosted install, as if they did not exist. */
export function requireCloud(ctx: Ctx): void {
  if (!ctx.deps.config.cloud.enabled) throw NotFound('errors.route_not_found');
}

/** `GET /billing/plans`: the plans a workspace may choose, in the operator's order (plans are the platform's). */
export async function listPlans({ ctx }: { ctx: Ctx }): Promise<TPlan[]> {
  requireCloud(ctx);
  requirePermission(ctx, 'billing.manage');
  return (await listActivePlans(ctx.db)).map(planToApi);
}
