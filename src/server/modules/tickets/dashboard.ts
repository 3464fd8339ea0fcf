import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDashboard } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { requireTicketAccess, seesAllDepartments } from './ticket-access';
import { cachedCount } from './count-cache';
import { dayIn, startOfDay, workspaceTimeZone } from './workspace-days';

/**
 * D5 counters in one query each. A customer: tickets awaiting its answer (pending) and its
 * open ones. An agent: its departments' active and pending, its own active and pending, and
 * the tickets its departments received today — the workspace's day (setting `timeZone`).
 */
export async function dashboard({ ctx }: { ctx: Ctx }): Promise<z.infer<typeof ZDashboard>> {
  const actor = requireTicketAccess(ctx);
  const ws = ctx.workspaceId;
  if (actor.role === 'customer') {
    const [r] = await queryRows<{ awaiting: number; open: number }>(
      ctx.db,
      sql`select count(*) filter (where status = 'pending')::int as awaiting, count(*) filter (where status in ('active','pending'))::int as open
          from tickets where workspace_id = ${ws} and requester_id = ${actor.id} and deleted_at is null and internal = false`,
    );
    return { role: 'customer', awaitingMe: r.awaiting, myOpen: r.open };
  }
  // Each counter is its own subquery, so that each reads only its own index range: the
  // department counters the queue index (workspace, department, status), "mine" the GIN index
  // on assignees — instead of filtering every open ticket of the workspace.
  const inScope = seesAllDepartments(actor)
    ? sql`true`
    : actor.departmentIds.length
      ? sql`department_id in (${sql.join(
          actor.departmentIds.map((d) => sql`${d}`),
          sql`, `,
        )})`
      : sql`false`;
  const open = sql`workspace_id = ${ws} and deleted_at is null`;
  const mine = sql`assignee_ids @> array[${actor.id}]::bigint[]`;
  const tz = await workspaceTimeZone(ctx);
  const today = dayIn(ctx.deps.clock.now(), tz);
  // The day is part of the key: a count cached before midnight is not today's after it.
  const [r] = await cachedCount(ctx.deps.database, ws, `dashboard:${actor.id}:${tz}:${today}`, Date.now(), () =>
    queryRows<{
      dep_active: number;
      dep_pending: number;
      my_active: number;
      my_pending: number;
      unassigned: number;
      opened_today: number;
    }>(
      ctx.db,
      sql`select
          (select count(*) from tickets where ${open} and ${inScope} and status = 'active')::int as dep_active,
          (select count(*) from tickets where ${open} and ${inScope} and status = 'pending')::int as dep_pending,
          (select count(*) from tickets where ${open} and ${mine} and status = 'active')::int as my_active,
          (select count(*) from tickets where ${open} and ${mine} and status = 'pending')::int as my_pending,
          (select count(*) from tickets where ${open} and ${inScope} and status = 'active' and cardinality(assignee_ids) = 0)::int as unassigned,
          -- pinned = any(…): the (workspace, pinned, created_at) index serves the day's range.
          (select count(*) from tickets where ${open} and ${inScope} and pinned = any(array[false, true])
            and created_at >= ${startOfDay(today, tz)})::int as opened_today`,
    ),
  );
  return {
    role: actor.role,
    departments: { active: r.dep_active, pending: r.dep_pending },
    mine: { active: r.my_active, pending: r.my_pending },
    unassigned: r.unassigned,
    today: { opened: r.opened_today },
  };
}
