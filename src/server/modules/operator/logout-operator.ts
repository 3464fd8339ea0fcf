import type { Ctx } from '../../platform/context';
import type { OperatorIdentity } from './operator-auth';
import { signOutAll } from './operator.repo';

/**
 * `POST /operator/logout`: ends every sign-in of the operator, in every process (the tokens
 * are stateless, so the time of the last sign-out is what ends them). Basic auth is unaffected.
 */
export async function logoutOperator({ ctx, operator }: { ctx: Ctx; operator: OperatorIdentity }) {
  const now = ctx.deps.clock.now();
  await signOutAll(ctx.deps.database.db, now.getTime(), now);
  ctx.deps.log.info({ reqId: ctx.requestId, operator: operator.username }, 'operator signed out');
}
