import { asc, count, desc, eq, ilike, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { departmentAgents, departments, users } from '../../../db/schema';
import type { TAssignmentMode, TDepartment, TListDepartmentsQuery } from '../../../contracts/organisation';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, type Msg } from '../../platform/errors';
import { iso, offsetOf } from '../../platform/pagination';

export type DepartmentRow = typeof departments.$inferSelect;

export const toDepartment = (r: DepartmentRow, agentIds: number[] = []): TDepartment => ({
  id: String(r.id),
  name: r.name,
  description: r.description,
  active: r.active,
  visible: r.visible,
  usage: r.usage,
  managerId: r.managerId === null ? null : String(r.managerId),
  agentIds: agentIds.map(String),
  assignmentMode: r.assignmentMode as TAssignmentMode,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

export async function findDepartment(ctx: Ctx, id: number): Promise<DepartmentRow | null> {
  const [r] = await ctx.db
    .select()
    .from(departments)
    .where(inWorkspace(departments, ctx, eq(departments.id, id)));
  return r ?? null;
}

export async function agentsOf(ctx: Ctx, departmentIds: number[]) {
  const map = new Map<number, number[]>();
  if (!departmentIds.length) return map;
  const rows = await ctx.db
    .select({ d: departmentAgents.departmentId, u: departmentAgents.userId })
    .from(departmentAgents)
    .where(inWorkspace(departmentAgents, ctx, inArray(departmentAgents.departmentId, departmentIds)))
    .orderBy(departmentAgents.userId);
  for (const r of rows) map.set(r.d, [...(map.get(r.d) ?? []), r.u]);
  return map;
}

export async function departmentOut(ctx: Ctx, id: number) {
  const row = (await findDepartment(ctx, id))!;
  return toDepartment(row, (await agentsOf(ctx, [id])).get(id));
}

const SORTS: Record<TListDepartmentsQuery['sort'], SQL[]> = {
  // Case-insensitive, and served by departments_name_idx (workspace_id, lower(name), id).
  name: [asc(sql`lower(${departments.name})`), asc(departments.id)],
  '-name': [desc(sql`lower(${departments.name})`), desc(departments.id)],
  updated: [asc(departments.updatedAt), asc(departments.id)],
  '-updated': [desc(departments.updatedAt), desc(departments.id)],
};

/** Departments a list may show; `customerView` narrows to what customers may use. */
export async function listDepartmentRows(ctx: Ctx, q: TListDepartmentsQuery, customerView: boolean) {
  const conds: (SQL | undefined)[] = [];
  if (customerView)
    conds.push(eq(departments.active, true), eq(departments.visible, true), ne(departments.usage, 'internal'));
  else if (q.active !== undefined) conds.push(eq(departments.active, q.active));
  if (q.q) conds.push(ilike(departments.name, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const where = inWorkspace(departments, ctx, ...conds);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(departments)
      .where(where)
      .orderBy(...SORTS[q.sort])
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ total: count() }).from(departments).where(where),
  ]);
  return { rows, total: Number(total) };
}

/** Manager and agents must be live staff accounts of the workspace. */
export async function checkStaff(ctx: Ctx, refs: { managerId?: number | null; agentIds?: number[] }) {
  const fields: Record<string, Msg> = {};
  const staffIds = async (ids: number[]) =>
    ctx.db
      .select({ id: users.id })
      .from(users)
      .where(inWorkspace(users, ctx, inArray(users.id, ids), ne(users.role, 'customer'), isNull(users.deletedAt)));
  if (refs.managerId && (await staffIds([refs.managerId])).length !== 1)
    fields.managerId = { key: 'validation.unknown_agent' };
  const agentIds = [...new Set(refs.agentIds ?? [])];
  if (agentIds.length && (await staffIds(agentIds)).length !== agentIds.length)
    fields.agentIds = { key: 'validation.unknown_agent' };
  if (Object.keys(fields).length) throw Invalid(fields);
  return agentIds;
}

export async function setAgents(ctx: Ctx, departmentId: number, userIds: number[]) {
  await ctx.db
    .delete(departmentAgents)
    .where(inWorkspace(departmentAgents, ctx, eq(departmentAgents.departmentId, departmentId)));
  await addAgents(ctx, departmentId, userIds);
}

export async function addAgents(ctx: Ctx, departmentId: number, userIds: number[]) {
  if (!userIds.length) return;
  await ctx.db
    .insert(departmentAgents)
    .values(userIds.map((userId) => ({ workspaceId: ctx.workspaceId, departmentId, userId })))
    .onConflictDoNothing();
}
