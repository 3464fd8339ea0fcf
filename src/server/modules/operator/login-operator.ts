import type { z } from 'zod';
import type { ZOperatorLogin } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { Unauthorized } from '../../platform/errors';
import { requireOperatorConfig } from './operator-auth';
import { checkLocked, countAttempt, countFailure, forgetFailures } from './operator-guard';
import { credentialsMatch, issueToken, tokenKey } from './operator-token';
import { signedOutBefore } from './operator.repo';

/**
 * `POST /operator/login`: the operator's sign-in. Limited per address (OPERATOR_ATTEMPTS tries
 * per 10 minutes; OPERATOR_FAILURES failures lock the address out for 15 minutes, answered 429
 * with Retry-After even for the right password). Answers the signed cookie to set and the
 * session (username and CSRF token). The password is compared in constant time and never logged.
 */
export async function loginOperator({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZOperatorLogin> }) {
  const { deps } = ctx;
  const operator = requireOperatorConfig(deps);
  await checkLocked(ctx, ctx.ip);
  await countAttempt(ctx, ctx.ip);
  if (!credentialsMatch(input, operator)) {
    deps.log.info({ reqId: ctx.requestId, ip: ctx.ip }, 'operator sign-in failed');
    throw (await countFailure(ctx, ctx.ip)) ?? Unauthorized('errors.operator_login_failed');
  }
  await forgetFailures(ctx, ctx.ip);
  // A token issued in the same millisecond as the last sign-out would count as signed out.
  const now = Math.max(deps.clock.now().getTime(), (await signedOutBefore(deps.database.db)) + 1);
  const { cookie, token } = issueToken(tokenKey(deps.config.secretKey, operator), operator.username, now);
  deps.log.info({ reqId: ctx.requestId, operator: operator.username, ip: ctx.ip }, 'operator signed in');
  return { cookie, session: { username: token.u, csrfToken: token.csrf } };
}
