import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { calendars, departments, desks, requestTypes, users } from '../../../db/schema';
import type { TAction, TDesk, TField, TRequestType, TWorkflow } from '../../../contracts/catalogue';
import { inParallel, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, NotFound, type Msg } from '../../platform/errors';
import { iso } from '../../platform/pagination';

export type DeskRow = typeof desks.$inferSelect;
export type RequestTypeRow = typeof requestTypes.$inferSelect;

export function toDesk(r: DeskRow): TDesk {
  return {
    id: String(r.id),
    key: r.key,
    name: r.name,
    description: r.description,
    departmentId: String(r.departmentId),
    visible: r.visible,
    position: r.position,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export function toRequestType(r: RequestTypeRow): TRequestType {
  return {
    id: String(r.id),
    deskId: String(r.deskId),
    name: r.name,
    description: r.description,
    icon: r.icon,
    departmentId: r.departmentId === null ? null : String(r.departmentId),
    defaultPriority: r.defaultPriority,
    fields: r.fields as TField[],
    workflow: r.workflow as TWorkflow,
    position: r.position,
    visible: r.visible,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function findDesk(ctx: Ctx, id: number): Promise<DeskRow> {
  const [row] = await ctx.db
    .select()
    .from(desks)
    .where(inWorkspace(desks, ctx, eq(desks.id, id)));
  if (!row) throw NotFound('errors.desk_not_found');
  return row;
}

/** A request type that was not removed (removed ones live on only in their requests). */
export async function findRequestType(ctx: Ctx, id: number, opts: { removed?: boolean } = {}): Promise<RequestTypeRow> {
  const [row] = await ctx.db
    .select()
    .from(requestTypes)
    .where(
      inWorkspace(
        requestTypes,
        ctx,
        eq(requestTypes.id, id),
        opts.removed ? undefined : isNull(requestTypes.deletedAt),
      ),
    );
  if (!row) throw NotFound('errors.request_type_not_found');
  return row;
}

/** Departments that exist and are active in the workspace, of these ids. */
async function existingDepartments(ctx: Ctx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(inWorkspace(departments, ctx, inArray(departments.id, ids)));
  return new Set(rows.map((r) => Number(r.id)));
}

export async function checkDeskDepartment(ctx: Ctx, departmentId: number) {
  if (!(await existingDepartments(ctx, [departmentId])).size)
    throw Invalid({ departmentId: { key: 'validation.unknown_department' } });
}

/**
 * What a request type refers to outside itself — its department, the departments, agents and
 * calendars of its workflow — must exist in this workspace; each miss is named by its path.
 */
export async function checkRequestTypeRefs(ctx: Ctx, departmentId: number | null | undefined, workflow?: TWorkflow) {
  const fields: Record<string, Msg> = {};
  const depIds = new Set<number>();
  const agentIds = new Set<number>();
  const calendarIds = new Set<number>();
  if (departmentId) depIds.add(departmentId);
  const actionsOf = (t: TWorkflow['transitions'][number]): TAction[] => t.actions ?? [];
  for (const t of workflow?.transitions ?? []) {
    if (t.timer?.calendarId) calendarIds.add(Number(t.timer.calendarId));
    for (const a of actionsOf(t)) {
      if (a.kind === 'transfer' && a.departmentId) depIds.add(Number(a.departmentId));
      if (a.kind === 'transfer' && a.agentId) agentIds.add(Number(a.agentId));
      if (a.kind === 'notify') depIds.add(Number(a.departmentId));
    }
  }
  const [deps, agents, cals] = await inParallel(
    ctx,
    () => existingDepartments(ctx, [...depIds]),
    async () =>
      agentIds.size
        ? await ctx.db
            .select({ id: users.id })
            .from(users)
            .where(
              inWorkspace(
                users,
                ctx,
                inArray(users.id, [...agentIds]),
                ne(users.role, 'customer'),
                isNull(users.deletedAt),
              ),
            )
        : [],
    async () =>
      calendarIds.size
        ? await ctx.db
            .select({ id: calendars.id })
            .from(calendars)
            .where(inWorkspace(calendars, ctx, inArray(calendars.id, [...calendarIds])))
        : [],
  );
  const agentSet = new Set(agents.map((a) => Number(a.id)));
  const calSet = new Set(cals.map((c) => Number(c.id)));
  if (departmentId && !deps.has(departmentId)) fields.departmentId = { key: 'validation.unknown_department' };
  workflow?.transitions.forEach((t, i) => {
    const at = `workflow.transitions.${i}`;
    if (t.timer?.calendarId && !calSet.has(Number(t.timer.calendarId)))
      fields[`${at}.timer.calendarId`] = { key: 'validation.unknown_calendar' };
    actionsOf(t).forEach((a, j) => {
      if (a.kind === 'transfer' && a.departmentId && !deps.has(Number(a.departmentId)))
        fields[`${at}.actions.${j}.departmentId`] = { key: 'validation.unknown_department' };
      if (a.kind === 'transfer' && a.agentId && !agentSet.has(Number(a.agentId)))
        fields[`${at}.actions.${j}.agentId`] = { key: 'validation.unknown_agent' };
      if (a.kind === 'notify' && !deps.has(Number(a.departmentId)))
        fields[`${at}.actions.${j}.departmentId`] = { key: 'validation.unknown_department' };
    });
  });
  if (Object.keys(fields).length) throw Invalid(fields);
}

/** Whether a desk has requests: such a desk is never removed (its requests keep their keys). */
export async function deskHasRequests(ctx: Ctx, deskId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    ctx.db,
    sql`select 1 as one from tickets where workspace_id = ${ctx.workspaceId} and desk_id = ${deskId} limit 1`,
  );
  return rows.length > 0;
}

export const liveRequestTypes = (ctx: Ctx, deskId: number) =>
  inWorkspace(requestTypes, ctx, and(eq(requestTypes.deskId, deskId), isNull(requestTypes.deletedAt)));
