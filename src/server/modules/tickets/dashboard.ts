import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDashboard } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { requireTicketAccess, seesAllDepartments } from './ticket-access';
import { cachedCount } from './count-cache';

/**
 * D5 counters in one query each. A customer: tickets awaiting its answer (pending) and its
 * open ones. An agent: its departments' active and pending, its own active and pending.
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
  const [r] = await cachedCount(ctx.deps.database, ws, `dashboard:${actor.id}`, Date.now(), () =>
    queryRows<{ dep_active: number; dep_pending: number; my_active: number; my_pending: number; unassigned: number }>(
      ctx.db,
      sql`select
          (select count(*) from tickets where ${open} and ${inScope} and status = 'active')::int as dep_active,
          (select count(*) from tickets where ${open} and ${inScope} and status = 'pending')::int as dep_pending,
          (select count(*) from tickets where ${open} and ${mine} and status = 'active')::int as my_active,
          (select count(*) from tickets where ${open} and ${mine} and status = 'pending')::int as my_pending,
          (select count(*) from tickets where ${open} and ${inScope} and status = 'active' and cardinality(assignee_ids) = 0)::int as unassigned`,
    ),
  );
  return {
    role: actor.role,
    departments: { active: r.dep_active, pending: r.dep_pending },
    mine: { active: r.my_active, pending: r.my_pending },
    unassigned: r.unassigned,
  };
}
