import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZDashboard } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { requireTicketAccess, seesAllDepartments } from './ticket-access';

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
  const scope = seesAllDepartments(actor)
    ? sql`true`
    : actor.departmentIds.length
      ? sql`department_id in (${sql.join(actor.departmentIds.map((d) => sql`${d}`), sql`, `)})`
      : sql`false`;
  const [r] = await queryRows<{ dep_active: number; dep_pending: number; my_active: number; my_pending: number; unassigned: number }>(
    ctx.db,
    sql`select
          count(*) filter (where ${scope} and status = 'active')::int as dep_active,
          count(*) filter (where ${scope} and status = 'pending')::int as dep_pending,
          count(*) filter (where ${actor.id} = any(assignee_ids) and status = 'active')::int as my_active,
          count(*) filter (where ${actor.id} = any(assignee_ids) and status = 'pending')::int as my_pending,
          count(*) filter (where ${scope} and status = 'active' and cardinality(assignee_ids) = 0)::int as unassigned
        from tickets where workspace_id = ${ws} and deleted_at is null and status in ('active','pending')`,
  );
  return {
    role: actor.role,
    departments: { active: r.dep_active, pending: r.dep_pending },
    mine: { active: r.my_active, pending: r.my_pending },
    unassigned: r.unassigned,
  };
}
