import type { Permission, Role } from '../../../contracts/permissions';
import type { Actor, Ctx } from '../context';
import { Forbidden, Unauthorized } from '../errors';

/**
 * Every route declares who may call it (route `config.access`); a route without a declaration
 * fails at start-up. The check runs in onRequest, before the body is parsed or validated.
 */
export type Access =
  | { kind: 'public' }
  /** Public and outside any workspace (cloud sign-up, the landing page's data). */
  | { kind: 'platform' }
  /** The platform operator (cloud mode), outside any workspace. */
  | { kind: 'operator' }
  | { kind: 'signed_in' }
  | { kind: 'roles'; roles: Role[] }
  | { kind: 'permission'; permission: Permission; or?: Permission[] };

export const access = {
  public: (): Access => ({ kind: 'public' }),
  platform: (): Access => ({ kind: 'platform' }),
  operator: (): Access => ({ kind: 'operator' }),
  signedIn: (): Access => ({ kind: 'signed_in' }),
  staff: (): Access => ({ kind: 'roles', roles: ['admin', 'agent'] }),
  admin: (): Access => ({ kind: 'roles', roles: ['admin'] }),
  customer: (): Access => ({ kind: 'roles', roles: ['customer'] }),
  /** One permission, or any of the alternatives named after it. */
  perm: (permission: Permission, ...or: Permission[]): Access =>
    or.length ? { kind: 'permission', permission, or } : { kind: 'permission', permission },
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'agent' && actor.permissions.has(permission);
}

/** Throws 401 without an actor, 403 when the actor may not call the route. */
export function checkAccess(rule: Access, actor: Actor | null): void {
  if (rule.kind === 'public' || rule.kind === 'platform') return;
  // The operator is checked by the request context before any actor is looked up.
  if (rule.kind === 'operator') return;
  if (!actor) throw Unauthorized();
  if (rule.kind === 'signed_in') return;
  if (rule.kind === 'roles' && !rule.roles.includes(actor.role)) throw Forbidden();
  if (rule.kind === 'permission' && ![rule.permission, ...(rule.or ?? [])].some((p) => can(actor, p)))
    throw Forbidden();
}

/** For actions: the actor, or 401. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw Unauthorized();
  return ctx.actor;
}

export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!can(actor, permission)) throw Forbidden();
  return actor;
}

export const isStaff = (actor: Actor | null) => actor?.role === 'admin' || actor?.role === 'agent';
