import type { TPlan, TPlanPatch } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { updatePlan as changePlan } from '../cloud';
import type { OperatorIdentity } from './operator-auth';

/**
 * `PATCH /operator/plans/:id`: changes only the fields sent, through the cloud module (404 for
 * no such plan, 409 for a second active trial plan). Plans are never deleted — subscriptions
 * and payments point at them — but made inactive. Logged with the operator's name.
 */
export async function updatePlan({
  ctx,
  operator,
  id,
  input,
}: {
  ctx: Ctx;
  operator: OperatorIdentity;
  id: number;
  input: TPlanPatch;
}): Promise<TPlan> {
  const plan = await changePlan(ctx.db, id, input, ctx.deps.clock.now());
  ctx.deps.log.info(
    { reqId: ctx.requestId, operator: operator.username, planId: plan.id, changed: Object.keys(input), plan },
    'operator changed a plan',
  );
  return plan;
}
