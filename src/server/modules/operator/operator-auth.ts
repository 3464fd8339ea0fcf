import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/context';
import { Forbidden, NotFound, Unauthorized } from '../../platform/errors';
import { safeEqual } from '../../platform/crypto';
import { checkLocked, countFailure, forgetFailures } from './operator-guard';
import { credentialsMatch, OPERATOR_COOKIE, readToken, tokenKey } from './operator-token';
import { signedOutBefore } from './operator.repo';

/** Who is acting on an operator route, and how they proved it. */
export interface OperatorIdentity {
  username: string;
  via: 'cookie' | 'basic';
  /** The sign-in's CSRF token ('' for Basic auth, which needs none). */
  csrfToken: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const identities = new WeakMap<FastifyRequest, OperatorIdentity>();

/** The operator's credentials, only in cloud mode with OPERATOR_USERNAME/PASSWORD set. */
export const operatorConfig = (deps: AppDeps) => (deps.config.cloud.enabled ? deps.config.operator : undefined);

/** Set by the request context's check on every operator route (`access.operator()`). */
export function operatorOf(request: FastifyRequest): OperatorIdentity {
  const id = identities.get(request);
  if (!id) throw Unauthorized();
  return id;
}

/**
 * The request context's `checkOperator` hook, or undefined when there is no operator (not cloud
 * mode, or OPERATOR_* unset): the context then answers every operator route 404, as if the
 * routes did not exist.
 *
 * Accepts the signed cookie of POST /operator/login (writes must echo its CSRF token in
 * `x-csrf-token`), or HTTP Basic auth with the operator's credentials for scripts. Basic needs
 * no CSRF token: a browser sends Basic credentials by itself only after a `WWW-Authenticate`
 * challenge, and these routes never send one. Wrong Basic credentials count towards the same
 * lock-out as the sign-in form.
 */
export function createOperatorCheck(deps: AppDeps): ((request: FastifyRequest) => Promise<void>) | undefined {
  const operator = operatorConfig(deps);
  if (!operator) return undefined;
  const key = tokenKey(deps.config.secretKey, operator);

  return async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      await checkLocked(request.ctx, request.ip);
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const given = { username: decoded.slice(0, Math.max(0, colon)), password: decoded.slice(colon + 1) };
      if (colon < 0 || !credentialsMatch(given, operator)) {
        deps.log.info({ reqId: request.id, ip: request.ip }, 'operator basic auth refused');
        throw (await countFailure(request.ctx, request.ip)) ?? Unauthorized('errors.operator_login_failed');
      }
      await forgetFailures(request.ctx, request.ip);
      identities.set(request, { username: operator.username, via: 'basic', csrfToken: '' });
      return;
    }

    const cookie = request.cookies?.[OPERATOR_COOKIE];
    const now = deps.clock.now().getTime();
    const token = cookie ? readToken(key, cookie, now) : null;
    if (!token || token.u !== operator.username || token.iat <= (await signedOutBefore(deps.database.db)))
      throw Unauthorized();
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, token.csrf)) throw Forbidden('errors.csrf');
    }
    identities.set(request, { username: token.u, via: 'cookie', csrfToken: token.csrf });
  };
}

/** For actions reached outside `access.operator()` (sign-in): 404 when there is no operator. */
export function requireOperatorConfig(deps: AppDeps) {
  const operator = operatorConfig(deps);
  if (!operator) throw NotFound();
  return operator;
}
