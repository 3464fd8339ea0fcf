import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { accessLevels, users } from '../../../db/schema';
import type { ZAccessLevel, ZCreateAccessLevel, ZUpdateAccessLevel } from '../../../contracts/people';
import type { TPageQuery } from '../../../contracts/common';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';
import { audit } from '../audit';
import { forgetActors } from '../../platform/auth/actor-cache';
import { setSetting } from '../settings';
import { assertHolds } from './manage-rules';

type TAccessLevel = z.infer<typeof ZAccessLevel>;
type Row = typeof accessLevels.$inferSelect;

// Written out in full: drizzle may render a lone column without its table, which the subquery would bind to users.id.
const agentCount = sql<number>`(select count(*)::int from users u where u.access_level_id = "access_levels"."id" and u.deleted_at is null)`;
const isDefault = sql<boolean>`coalesce((select s.data ->> 'defaultAccessLevelId' = "access_levels"."id"::text from settings s where s.workspace_id = "access_levels"."workspace_id"), false)`;
const toLevel = (r: Row & { agentCount: number; isDefault: boolean }): TAccessLevel => ({
  id: String(r.id),
  name: r.name,
  description: r.description,
  permissions: r.permissions as TAccessLevel['permissions'],
  agentCount: Number(r.agentCount),
  isDefault: r.isDefault === true,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

async function byId(ctx: Ctx, id: number) {
  const [r] = await ctx.db
    .select({ ...accessLevelColumns(), agentCount, isDefault })
    .from(accessLevels)
    .where(inWorkspace(accessLevels, ctx, eq(accessLevels.id, id)));
  return r ? toLevel(r) : null;
}
const accessLevelColumns = () => ({
  id: accessLevels.id,
  workspaceId: accessLevels.workspaceId,
  name: accessLevels.name,
  description: accessLevels.description,
  permissions: accessLevels.permissions,
  createdAt: accessLevels.createdAt,
  updatedAt: accessLevels.updatedAt,
});

async function actorLevelId(ctx: Ctx, userId: number): Promise<number | null> {
  const [row] = await ctx.db
    .select({ levelId: users.accessLevelId })
    .from(users)
    .where(inWorkspace(users, ctx, eq(users.id, userId)));
  return row?.levelId ?? null;
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: number) {
  const [taken] = await ctx.db
    .select({ id: accessLevels.id })
    .from(accessLevels)
    .where(
      inWorkspace(
        accessLevels,
        ctx,
        sql`lower(${accessLevels.name}) = ${name.toLowerCase()}`,
        exceptId ? sql`${accessLevels.id} <> ${exceptId}` : undefined,
      ),
    );
  if (taken) throw InvalidField('name', 'validation.name_taken');
}

export async function listAccessLevels({ ctx, input }: { ctx: Ctx; input: TPageQuery }) {
  requirePermission(ctx, 'access_levels.manage');
  const where = inWorkspace(accessLevels, ctx);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ ...accessLevelColumns(), agentCount, isDefault })
      .from(accessLevels)
      .where(where)
      .orderBy(asc(accessLevels.name), asc(accessLevels.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ total: count() }).from(accessLevels).where(where),
  ]);
  return pageOf(rows.map(toLevel), Number(total), input);
}

/** A level made by someone holds only permissions that person holds (admins hold all). */
export async function createAccessLevel({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateAccessLevel> }) {
  requirePermission(ctx, 'access_levels.manage');
  assertHolds(ctx, input.permissions);
  await assertNameFree(ctx, input.name);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(accessLevels)
      .values({
        workspaceId: tx.workspaceId,
        name: input.name,
        description: input.description,
        permissions: [...new Set(input.permissions)],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: accessLevels.id });
    await audit(tx, 'access_level.created', 'access_level', row.id, {
      name: input.name,
      permissions: input.permissions,
    });
    return (await byId(tx, row.id))!;
  });
}

export async function updateAccessLevel({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZUpdateAccessLevel>;
}) {
  const actor = requirePermission(ctx, 'access_levels.manage');
  const level = await byId(ctx, id);
  if (!level) throw NotFound();
  if (input.permissions) {
    // Nobody changes the rights of the level they hold themselves (but an admin, who holds no level)...
    if (actor.role !== 'admin' && (await actorLevelId(ctx, actor.id)) === id)
      throw Forbidden('errors.own_access_level');
    // ...nor adds to any level a permission they lack; taking one away is no grant.
    assertHolds(
      ctx,
      input.permissions.filter((p) => !level.permissions.includes(p)),
    );
  }
  if (input.name) await assertNameFree(ctx, input.name, id);
  const out = await withTx(ctx, async (tx) => {
    await tx.db
      .update(accessLevels)
      .set({
        ...input,
        permissions: input.permissions ? [...new Set(input.permissions)] : undefined,
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(accessLevels, tx, eq(accessLevels.id, id)));
    await audit(tx, 'access_level.updated', 'access_level', id, input);
    return (await byId(tx, id))!;
  });
  forgetActors(ctx.deps, 'all');
  return out;
}

/**
 * A level still assigned to agents is not deleted: they would silently lose every permission.
 * Deleting the default level leaves the workspace without one (agents made later get none until
 * an admin names another in the settings).
 */
export async function deleteAccessLevel({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'access_levels.manage');
  const level = await byId(ctx, id);
  if (!level) throw NotFound();
  if (level.agentCount > 0) throw Conflict('errors.access_level_in_use', { count: level.agentCount });
  await withTx(ctx, async (tx) => {
    await tx.db.delete(accessLevels).where(and(inWorkspace(accessLevels, tx, eq(accessLevels.id, id))));
    const wasDefault = await setSetting(tx, 'defaultAccessLevelId', null, { was: String(id) });
    await audit(tx, 'access_level.deleted', 'access_level', id, { name: level.name, wasDefault });
  });
}
