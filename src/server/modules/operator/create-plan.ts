import type { TPlan, TPlanInput } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { createPlan as insertPlan } from '../cloud';
import type { OperatorIdentity } from './operator-auth';

/**
 * `POST /operator/plans`: a new plan, through the cloud module (which refuses a second active
 * trial plan with 409 `plan_trial_exists`). Platform-wide, so logged rather than audited: the
 * audit log belongs to a workspace.
 */
export async function createPlan({
  ctx,
  operator,
  input,
}: {
  ctx: Ctx;
  operator: OperatorIdentity;
  input: TPlanInput;
}): Promise<TPlan> {
  const plan = await insertPlan(ctx.db, input, ctx.deps.clock.now());
  ctx.deps.log.info({ reqId: ctx.requestId, operator: operator.username, plan }, 'operator created a plan');
  return plan;
}
