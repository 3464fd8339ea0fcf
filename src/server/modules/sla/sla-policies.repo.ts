import { eq, inArray, isNull, ne } from 'drizzle-orm';
import { calendars, departments, slaPolicies, users } from '../../../db/schema';
import type { TOnBreach, TSlaConditions, TSlaPolicy, TSlaTargets } from '../../../contracts/sla';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, NotFound, type Msg } from '../../platform/errors';
import { iso } from '../../platform/pagination';

type Row = typeof slaPolicies.$inferSelect;

export function toPolicy(r: Row): TSlaPolicy {
  return {
    id: String(r.id),
    name: r.name,
    position: r.position,
    conditions: r.conditions as TSlaConditions,
    calendarId: r.calendarId === null ? null : String(r.calendarId),
    targets: r.targets as TSlaTargets,
    warnBefore: r.warnBefore,
    pauseWhilePending: r.pauseWhilePending,
    onBreach: r.onBreach as TOnBreach,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function slaPolicyById(ctx: Ctx, id: number): Promise<TSlaPolicy | undefined> {
  const [row] = await ctx.db
    .select()
    .from(slaPolicies)
    .where(inWorkspace(slaPolicies, ctx, eq(slaPolicies.id, id)));
  return row && toPolicy(row);
}

export async function findPolicy(ctx: Ctx, id: number): Promise<TSlaPolicy> {
  const p = await slaPolicyById(ctx, id);
  if (!p) throw NotFound('errors.sla_policy_not_found');
  return p;
}

/** Everything a policy names must exist in this workspace; each miss named by its path. */
export async function checkPolicyRefs(
  ctx: Ctx,
  p: { calendarId?: number | null; conditions?: TSlaConditions; onBreach?: TOnBreach },
) {
  const depIds = [...(p.conditions?.departmentIds ?? []), p.onBreach?.transferToDepartmentId]
    .filter((x): x is string => !!x)
    .map(Number);
  const userIds = [...(p.onBreach?.notify ?? []), p.onBreach?.assignToId].filter((x): x is string => !!x).map(Number);
  const [deps, staff, cal] = await inParallel(
    ctx,
    async () =>
      depIds.length
        ? await ctx.db
            .select({ id: departments.id })
            .from(departments)
            .where(inWorkspace(departments, ctx, inArray(departments.id, depIds)))
        : [],
    async () =>
      userIds.length
        ? await ctx.db
            .select({ id: users.id })
            .from(users)
            .where(
              inWorkspace(users, ctx, inArray(users.id, userIds), ne(users.role, 'customer'), isNull(users.deletedAt)),
            )
        : [],
    async () =>
      p.calendarId
        ? await ctx.db
            .select({ id: calendars.id })
            .from(calendars)
            .where(inWorkspace(calendars, ctx, eq(calendars.id, p.calendarId)))
        : [],
  );
  const depSet = new Set(deps.map((d) => Number(d.id)));
  const staffSet = new Set(staff.map((u) => Number(u.id)));
  const fields: Record<string, Msg> = {};
  p.conditions?.departmentIds?.forEach((d, i) => {
    if (!depSet.has(Number(d))) fields[`conditions.departmentIds.${i}`] = { key: 'validation.unknown_department' };
  });
  const b = p.onBreach;
  if (b?.transferToDepartmentId && !depSet.has(Number(b.transferToDepartmentId)))
    fields['onBreach.transferToDepartmentId'] = { key: 'validation.unknown_department' };
  if (b?.assignToId && !staffSet.has(Number(b.assignToId)))
    fields['onBreach.assignToId'] = { key: 'validation.unknown_agent' };
  b?.notify?.forEach((u, i) => {
    if (!staffSet.has(Number(u))) fields[`onBreach.notify.${i}`] = { key: 'validation.unknown_agent' };
  });
  if (p.calendarId && !cal.length) fields.calendarId = { key: 'validation.unknown_calendar' };
  if (Object.keys(fields).length) throw Invalid(fields);
}
