import { eq } from 'drizzle-orm';
import { accessLevels } from '../../../db/schema';
import type { Permission, Role } from '../../../contracts/permissions';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, Forbidden } from '../../platform/errors';
import { can, requireActor } from '../../platform/http/access';
import type { UserRow } from './users.repo';

/**
 * Who may manage whom: customers need customers.manage (or users.manage), agents need
 * users.manage, and only an admin creates, changes or removes an admin.
 */
export function assertCanManageRole(ctx: Ctx, role: Role) {
  const actor = requireActor(ctx);
  if (role === 'admin' && actor.role !== 'admin') throw Forbidden('errors.admin_only');
  if (role === 'agent' && !can(actor, 'users.manage')) throw Forbidden();
  if (role === 'customer' && !can(actor, 'users.manage') && !can(actor, 'customers.manage')) throw Forbidden();
}

/**
 * Nobody grants what they do not hold: every permission in `permissions` must be the actor's
 * own (admins hold all). 403 naming the first one missing.
 */
export function assertHolds(ctx: Ctx, permissions: readonly string[]) {
  const actor = requireActor(ctx);
  const missing = permissions.find((p) => !can(actor, p as Permission));
  if (missing) throw new AppError('forbidden', { key: 'errors.permission_not_held', params: { permission: missing } });
}

/** The permissions of an access level of this workspace (empty for none or an unknown id). */
export async function levelPermissions(ctx: Ctx, levelId: number | null | undefined): Promise<string[]> {
  if (!levelId) return [];
  const [row] = await ctx.db
    .select({ permissions: accessLevels.permissions })
    .from(accessLevels)
    .where(inWorkspace(accessLevels, ctx, eq(accessLevels.id, levelId)));
  return row?.permissions ?? [];
}

/** Giving someone a level: only one whose permissions the actor holds all of. */
export async function assertCanAssignLevel(ctx: Ctx, levelId: number | null | undefined) {
  assertHolds(ctx, await levelPermissions(ctx, levelId));
}

/**
 * Changing or removing an existing person: its role's rule, and — for an agent — only when the
 * actor holds everything that agent's level grants (otherwise resetting its password would be
 * a way into rights the actor lacks).
 */
export async function assertCanManageUser(ctx: Ctx, row: Pick<UserRow, 'role' | 'accessLevelId'>) {
  assertCanManageRole(ctx, row.role);
  if (row.role !== 'agent' || requireActor(ctx).role === 'admin') return;
  const held = await levelPermissions(ctx, row.accessLevelId);
  if (held.some((p) => !can(ctx.actor, p as Permission))) throw Forbidden('errors.user_above_you');
}
