import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AppDeps, Ctx } from '../context';
import { AppError, Forbidden } from '../errors';
import { localeFromHeader } from '../i18n';
import { actorFromSession, actorFromToken, SESSION_COOKIE, type Resolved } from '../auth/resolve-actor';
import { createWorkspaceResolver } from '../auth/workspace-resolver';
import { slugFromReferer } from '../auth/referer-slug';
import { safeEqual, sha256 } from '../crypto';
import { actorCacheOf } from '../auth/actor-cache';
import { ipMatcher } from '../ip-allow';
import { checkAccess, isStaff, type Access } from './access';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Routes that stay open while the workspace is suspended, so people can read why and admins
 * can sign in. Guests may still read public pages, but not send anything (`PUBLIC_WRITE`).
 */
const OPEN_WHEN_SUSPENDED = /^\/api\/v1\/(public\/|auth\/)/;
const PUBLIC_WRITE = /^\/api\/v1\/public\//;
/**
 * K11: what staff who must turn two-factor sign-in on may still reach before they do: sign-in
 * and session routes (logout, /auth/me), public pages and the two-factor setup itself.
 */
const OPEN_WITHOUT_TWO_FACTOR = /^\/api\/v1\/(auth\/|public\/|me\/two-factor(\/|$))/;

/** What the request context enforces of a workspace's settings (J1, A8). */
export interface WorkspaceRules {
  suspended: boolean;
  suspensionMessage: string;
  allowedIps: string[];
  /** K11: whose sign-in needs a second factor: nobody, admins, or all staff. */
  twoFactorRequired?: 'off' | 'admins' | 'staff';
}

/** What the composition root gives the request context (the platform imports no module). */
export interface RequestContextHooks {
  /** The workspace's settings that the context enforces (settings module). */
  rulesOf: (ctx: Ctx) => Promise<WorkspaceRules>;
  /**
   * Cloud mode: throws when the workspace may not take this request — suspended by the operator
   * (503 `suspended`) or past its plan's grace (402 `subscription_expired`, reads still answered).
   */
  checkWorkspace?: (ctx: Ctx, request: { method: string; url: string }) => Promise<void>;
  /** Operator routes: throws 401 unless the request carries the operator's sign-in. */
  checkOperator?: (request: FastifyRequest) => Promise<void> | void;
}

/**
 * Builds `request.ctx` for every /api route in onRequest: language, workspace, actor (session
 * cookie or bearer token), then enforces CSRF, the route's access rule, the staff IP allow-list
 * and suspension — all before the body is read. `rulesOf` reads the workspace's settings (the
 * settings module's, given by the composition root: the platform imports no module).
 */
export function installRequestContext(app: FastifyInstance, deps: AppDeps, hooks: RequestContextHooks) {
  const { rulesOf } = hooks;
  const workspaces = createWorkspaceResolver(deps.database.db, {
    cloud: deps.config.cloud.enabled,
    cloudDomain: deps.config.cloud.domain,
  });
  const allowCache = new Map<string, (ip: string) => boolean>();
  const actors = actorCacheOf(deps.database);

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/v1')) return;
    const locale = localeFromHeader(request.headers['accept-language']);
    const now = deps.clock.now();
    const db = deps.database.db;
    const rule = request.routeOptions.config.access as Access;

    // Platform and operator routes belong to no workspace: no session, no workspace lookup.
    if (rule.kind === 'platform' || rule.kind === 'operator') {
      request.ctx = {
        workspaceId: 0,
        actor: null,
        db,
        inTx: false,
        locale,
        ip: request.ip,
        requestId: String(request.id),
        deps,
      };
      if (rule.kind === 'operator') {
        if (!hooks.checkOperator) throw new AppError('not_found', { key: 'errors.not_found' });
        await hooks.checkOperator(request);
      }
      return;
    }

    let resolved: Resolved | null = null;
    const auth = request.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const cookie = request.cookies?.[SESSION_COOKIE];
    const key = bearer ? `t:${sha256(bearer)}` : cookie ? `s:${sha256(cookie)}` : undefined;
    if (key) {
      const t = now.getTime();
      resolved = actors.get(key, t) ?? null;
      if (!resolved) {
        resolved = bearer ? await actorFromToken(db, bearer, now) : await actorFromSession(db, cookie!, now);
        if (resolved) actors.set(key, resolved, t);
      }
    }

    let workspaceId = resolved?.workspaceId ?? null;
    if (workspaceId === null) {
      const header = request.headers['x-workspace'];
      // An image or a download on a page under /w/<slug> names its workspace by the page.
      const slug =
        typeof header === 'string'
          ? header
          : SAFE_METHODS.has(request.method)
            ? (slugFromReferer(request.headers.referer, request.headers.host) ?? undefined)
            : undefined;
      workspaceId = await workspaces.resolve(slug, request.headers.host);
      if (workspaceId === null) throw new AppError('not_found', { key: 'errors.workspace_not_found' });
    }

    const ctx: Ctx = {
      workspaceId,
      actor: resolved?.actor ?? null,
      db,
      inTx: false,
      locale,
      ip: request.ip,
      requestId: String(request.id),
      deps,
    };
    request.ctx = ctx;

    // Public routes act as nobody in particular (guest forms ignore the session), so a forged
    // cross-site post gains nothing there; everywhere else a cookie write needs the token.
    if (ctx.actor?.via === 'session' && !SAFE_METHODS.has(request.method) && rule.kind !== 'public') {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !resolved?.csrfToken || !safeEqual(header, resolved.csrfToken)) {
        throw Forbidden('errors.csrf');
      }
    }

    checkAccess(rule, ctx.actor);
    if (hooks.checkWorkspace) await hooks.checkWorkspace(ctx, { method: request.method, url });

    const guestWrite = PUBLIC_WRITE.test(url) && !SAFE_METHODS.has(request.method);
    if (ctx.actor || guestWrite) {
      const settings = await rulesOf(ctx);
      if (settings.suspended && ctx.actor?.role !== 'admin' && guestWrite) {
        throw new AppError('suspended', { key: 'errors.suspended' }, undefined, {
          message: settings.suspensionMessage,
        });
      }
      if (!ctx.actor) return;
      if (isStaff(ctx.actor) && settings.allowedIps.length > 0) {
        const key = `${workspaceId}:${settings.allowedIps.join(',')}`;
        let allowed = allowCache.get(key);
        if (!allowed) allowCache.set(key, (allowed = ipMatcher(settings.allowedIps)));
        if (!allowed(ctx.ip)) throw new AppError('ip_not_allowed', { key: 'errors.ip_not_allowed' });
      }
      const needsTwoFactor =
        settings.twoFactorRequired === 'staff'
          ? isStaff(ctx.actor)
          : settings.twoFactorRequired === 'admins' && ctx.actor.role === 'admin';
      if (needsTwoFactor && !ctx.actor.twoFactor && !OPEN_WITHOUT_TWO_FACTOR.test(url))
        throw new AppError('two_factor_setup_required', { key: 'errors.two_factor_setup_required' });
      if (settings.suspended && ctx.actor.role !== 'admin' && !OPEN_WHEN_SUSPENDED.test(url)) {
        throw new AppError('suspended', { key: 'errors.suspended' }, undefined, {
          message: settings.suspensionMessage,
        });
      }
    }
  });
}

export const newRequestId = (req: { headers: Record<string, unknown> }) => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
};
