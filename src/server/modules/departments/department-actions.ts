import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { departments, tickets } from '../../../db/schema';
import type {
  TDepartment,
  TListDepartmentsQuery,
  ZAssignGroup,
  ZCreateDepartment,
  ZUpdateDepartment,
} from '../../../contracts/organisation';
import { withTx, type Ctx } from '../../platform/context';
import { forgetActors } from '../../platform/auth/actor-cache';
import { forgetAssignmentModes } from './auto-assign';

/** Department membership is part of every agent's actor: changes drop the cached ones. */
async function changingMembers<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const out = await withTx(ctx, fn);
  forgetActors(ctx.deps, 'all');
  forgetAssignmentModes(ctx);
  return out;
}
import { inWorkspace } from '../../platform/db/scope';
import { Conflict, InvalidField, NotFound } from '../../platform/errors';
import { isStaff, requireActor, requirePermission } from '../../platform/http/access';
import { pageOf } from '../../platform/pagination';
import { audit } from '../audit';
import { assertWithinLimit } from '../cloud';
import { findGroup, groupMemberIds } from '../people';
import {
  addAgents,
  agentsOf,
  checkStaff,
  departmentOut,
  findDepartment,
  listDepartmentRows,
  setAgents,
  toDepartment,
} from './departments.repo';

/** B1, B6: staff see every department; customers only those they may write to. */
export async function listDepartments({ ctx, input }: { ctx: Ctx; input: TListDepartmentsQuery }) {
  const actor = requireActor(ctx);
  const staff = isStaff(actor);
  const { rows, total } = await listDepartmentRows(ctx, input, !staff);
  const agents = staff
    ? await agentsOf(
        ctx,
        rows.map((r) => r.id),
      )
    : new Map<number, number[]>();
  return pageOf(
    rows.map((r) => (staff ? toDepartment(r, agents.get(r.id)) : { ...toDepartment(r), managerId: null })),
    total,
    input,
  );
}

export async function getDepartment({ ctx, id }: { ctx: Ctx; id: number }): Promise<TDepartment> {
  const actor = requireActor(ctx);
  const row = await findDepartment(ctx, id);
  if (!row) throw NotFound();
  if (!isStaff(actor)) {
    if (!row.active || !row.visible || row.usage === 'internal') throw NotFound();
    return { ...toDepartment(row), managerId: null };
  }
  return departmentOut(ctx, id);
}

export async function createDepartment({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateDepartment> }) {
  requirePermission(ctx, 'departments.manage');
  const agentIds = await checkStaff(ctx, input);
  return changingMembers(ctx, async (tx) => {
    // Cloud mode: an active department counts against the plan.
    if (input.active) await assertWithinLimit(tx, 'departments');
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(departments)
      .values({
        workspaceId: tx.workspaceId,
        name: input.name,
        description: input.description,
        active: input.active,
        visible: input.visible,
        usage: input.usage,
        managerId: input.managerId ?? null,
        assignmentMode: input.assignmentMode,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // The responsible agent (B3) works in the department too.
    await setAgents(tx, row.id, input.managerId ? [...new Set([...agentIds, input.managerId])] : agentIds);
    await audit(tx, 'department.created', 'department', row.id, { name: input.name });
    return departmentOut(tx, row.id);
  });
}

export async function updateDepartment({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZUpdateDepartment>;
}) {
  requirePermission(ctx, 'departments.manage');
  const current = await findDepartment(ctx, id);
  if (!current) throw NotFound();
  const agentIds = await checkStaff(ctx, input);
  return changingMembers(ctx, async (tx) => {
    // Cloud mode: reactivating a department takes a place under the plan's limit again.
    if (input.active && !current.active) await assertWithinLimit(tx, 'departments');
    const { agentIds: _ignored, ...fields } = input;
    await tx.db
      .update(departments)
      .set({ ...fields, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(departments, tx, eq(departments.id, id)));
    if (input.agentIds) await setAgents(tx, id, agentIds);
    if (input.managerId) await addAgents(tx, id, [input.managerId]);
    await audit(tx, 'department.updated', 'department', id, { fields: Object.keys(input) });
    return departmentOut(tx, id);
  });
}

/** Tickets will keep their department; deletion is refused once tickets reference it. */
export async function deleteDepartment({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'departments.manage');
  const row = await findDepartment(ctx, id);
  if (!row) throw NotFound();
  await changingMembers(ctx, async (tx) => {
    // Tickets (even deleted ones) keep their department: it is deactivated, not deleted, while any exist.
    const [used] = await tx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, tx.workspaceId), eq(tickets.departmentId, id)));
    if (used.n > 0) throw Conflict('errors.department_has_tickets', { count: used.n });
    await tx.db.delete(departments).where(inWorkspace(departments, tx, eq(departments.id, id)));
    await audit(tx, 'department.deleted', 'department', id, { name: row.name });
  });
}

/** B5: every member of an agent group becomes an agent of the department. */
export async function assignGroupToDepartment({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZAssignGroup>;
}) {
  requirePermission(ctx, 'departments.manage');
  if (!(await findDepartment(ctx, id))) throw NotFound();
  const group = await findGroup(ctx, input.groupId);
  if (!group) throw InvalidField('groupId', 'validation.unknown_group');
  if (group.kind !== 'agent') throw InvalidField('groupId', 'validation.group_not_agents');
  return changingMembers(ctx, async (tx) => {
    const members = await groupMemberIds(tx, group.id);
    await addAgents(tx, id, members);
    await tx.db
      .update(departments)
      .set({ updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(departments, tx, eq(departments.id, id)));
    await audit(tx, 'department.group_assigned', 'department', id, { groupId: group.id, members: members.length });
    return departmentOut(tx, id);
  });
}
