import { and, asc, count, eq, ilike, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { groupMembers, groups, users } from '../../../db/schema';
import type { ZCreateGroup, ZGroup, ZListGroupsQuery, ZUpdateGroup } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';
import { audit } from '../audit';

type TGroup = z.infer<typeof ZGroup>;
type Row = typeof groups.$inferSelect;

/** Member ids of many groups in one query. */
async function membersOf(ctx: Ctx, groupIds: number[]) {
  const map = new Map<number, string[]>();
  if (!groupIds.length) return map;
  const rows = await ctx.db
    .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
    .from(groupMembers)
    .where(inWorkspace(groupMembers, ctx, inArray(groupMembers.groupId, groupIds)))
    .orderBy(groupMembers.userId);
  for (const r of rows) map.set(r.groupId, [...(map.get(r.groupId) ?? []), String(r.userId)]);
  return map;
}

const toGroup = (r: Row, members: string[] = []): TGroup => ({
  id: String(r.id),
  kind: r.kind,
  name: r.name,
  description: r.description,
  memberIds: members,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

export async function findGroup(ctx: Ctx, id: number): Promise<Row | null> {
  const [r] = await ctx.db
    .select()
    .from(groups)
    .where(inWorkspace(groups, ctx, eq(groups.id, id)));
  return r ?? null;
}

async function groupOut(ctx: Ctx, id: number) {
  const r = (await findGroup(ctx, id))!;
  return toGroup(r, (await membersOf(ctx, [id])).get(id));
}

/** Members must be live accounts of the group's kind: customers, or agents and admins. */
async function checkMembers(ctx: Ctx, kind: 'customer' | 'agent', ids: number[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const rows = await ctx.db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(inWorkspace(users, ctx, inArray(users.id, unique), isNull(users.deletedAt)));
  const ok = rows.filter((r) => (kind === 'customer' ? r.role === 'customer' : r.role !== 'customer'));
  if (ok.length !== unique.length)
    throw InvalidField('memberIds', kind === 'customer' ? 'validation.members_customers' : 'validation.members_agents');
  return unique;
}

async function setMembers(ctx: Ctx, groupId: number, ids: number[]) {
  await ctx.db.delete(groupMembers).where(inWorkspace(groupMembers, ctx, eq(groupMembers.groupId, groupId)));
  if (ids.length)
    await ctx.db.insert(groupMembers).values(ids.map((userId) => ({ workspaceId: ctx.workspaceId, groupId, userId })));
}

export async function listGroups({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZListGroupsQuery> }) {
  requirePermission(ctx, 'groups.manage');
  const where = inWorkspace(
    groups,
    ctx,
    input.kind ? eq(groups.kind, input.kind) : undefined,
    input.q ? ilike(groups.name, `%${input.q}%`) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(groups)
      .where(where)
      .orderBy(asc(groups.name), asc(groups.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ total: count() }).from(groups).where(where),
  ]);
  const members = await membersOf(
    ctx,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((r) => toGroup(r, members.get(r.id))),
    Number(total),
    input,
  );
}

export async function createGroup({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateGroup> }) {
  requirePermission(ctx, 'groups.manage');
  const members = await checkMembers(ctx, input.kind, input.memberIds);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(groups)
      .values({
        workspaceId: tx.workspaceId,
        kind: input.kind,
        name: input.name,
        description: input.description,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await setMembers(tx, row.id, members);
    await audit(tx, 'group.created', 'group', row.id, { name: input.name, kind: input.kind, members: members.length });
    return groupOut(tx, row.id);
  });
}

export async function updateGroup({ ctx, id, input }: { ctx: Ctx; id: number; input: z.infer<typeof ZUpdateGroup> }) {
  requirePermission(ctx, 'groups.manage');
  const current = await findGroup(ctx, id);
  if (!current) throw NotFound();
  const members = input.memberIds ? await checkMembers(ctx, current.kind, input.memberIds) : null;
  return withTx(ctx, async (tx) => {
    await tx.db
      .update(groups)
      .set({ name: input.name, description: input.description, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(groups, tx, eq(groups.id, id)));
    if (members) await setMembers(tx, id, members);
    await audit(tx, 'group.updated', 'group', id, { fields: Object.keys(input) });
    return groupOut(tx, id);
  });
}

export async function deleteGroup({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'groups.manage');
  const current = await findGroup(ctx, id);
  if (!current) throw NotFound();
  await withTx(ctx, async (tx) => {
    await tx.db.delete(groups).where(and(inWorkspace(groups, tx, eq(groups.id, id))));
    await audit(tx, 'group.deleted', 'group', id, { name: current.name });
  });
}

/** Ids of a group's members (used to assign them to a department, B5). */
export async function groupMemberIds(ctx: Ctx, groupId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(inWorkspace(groupMembers, ctx, eq(groupMembers.groupId, groupId)));
  return rows.map((r) => r.userId);
}
