import { sql, type SQL } from 'drizzle-orm';
import type { TAssignmentMode } from '../../../contracts/organisation';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { awaySql } from '../people';

/**
 * Issue 20, automatic assignment. A department's `assignment_mode` says how a new ticket without
 * an assignee (and a ticket transferred in without one) gets an agent:
 *
 * - `manual`: it does not;
 * - `round_robin`: the next present agent by id after `assignment_last_user_id`, wrapping round;
 * - `least_open`: the present agent with the fewest open (active or pending) tickets assigned,
 *   ties in the round-robin order.
 *
 * Candidates are the department's agents (`department_agents`; adding a group adds its members
 * there, B5) who are active staff, not deleted and not away. Nobody present: it stays unassigned.
 */

/**
 * The workspace's departments that assign automatically, from a short per-process cache (one per
 * database, so two apps in one process never share entries): a ticket opened in a workspace that
 * uses none costs no query. Another process's change shows within `TTL_MS`; this process's own
 * change at once (`forgetAssignmentModes`). The cache only says whether to try: `pickAssignee`
 * reads the mode again under its lock.
 */
const caches = new WeakMap<object, Map<number, { auto: Set<number>; at: number }>>();
const TTL_MS = 5_000;

function cacheOf(ctx: Ctx) {
  let c = caches.get(ctx.deps.database);
  if (!c) caches.set(ctx.deps.database, (c = new Map()));
  return c;
}

export function forgetAssignmentModes(ctx: Ctx) {
  cacheOf(ctx).delete(ctx.workspaceId);
}

/** Whether the department assigns new tickets automatically (not `manual`). */
export async function assignsAutomatically(ctx: Ctx, departmentId: number): Promise<boolean> {
  const cache = cacheOf(ctx);
  const hit = cache.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.auto.has(departmentId);
  const rows = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from departments where workspace_id = ${ctx.workspaceId} and assignment_mode <> 'manual'`,
  );
  const auto = new Set(rows.map((r) => Number(r.id)));
  if (cache.size > 10_000) cache.clear();
  cache.set(ctx.workspaceId, { auto, at: Date.now() });
  return auto.has(departmentId);
}

/**
 * Picks the agent for a ticket of the department and records the pick, in the caller's
 * transaction; null when the department is manual or nobody is present.
 *
 * The department row is locked (`for update`) until the caller commits, and the pick is read
 * after the lock is held: concurrent creations and transfers into the department take their
 * turns one after the other, each seeing the previous one's ticket and `assignment_last_user_id`,
 * so no two tickets ever go to the same slot. Ticket creation calls this after taking the
 * workspace's ticket counter, so every writer takes the counter before any department (no
 * deadlock between two creators).
 */
export async function pickAssignee(ctx: Ctx, departmentId: number): Promise<number | null> {
  const [dep] = await queryRows<{ mode: TAssignmentMode; last: number | null }>(
    ctx.db,
    sql`select assignment_mode as mode, assignment_last_user_id as last from departments
        where workspace_id = ${ctx.workspaceId} and id = ${departmentId} and assignment_mode <> 'manual'
        for update`,
  );
  if (!dep) return null;
  const now = ctx.deps.clock.now();
  const last = dep.last === null ? 0 : Number(dep.last);
  const w = ctx.workspaceId;
  const candidates = sql`select u.id from department_agents da
      join users u on u.id = da.user_id and u.workspace_id = ${w}
      where da.workspace_id = ${w} and da.department_id = ${departmentId}
        and u.role <> 'customer' and u.active and u.deleted_at is null and not ${awaySql('u', now)}`;
  // Round-robin order: the agents after the last one first, then from the start.
  const turn = sql`(c.id <= ${last}), c.id`;
  const pick: SQL =
    dep.mode === 'least_open'
      ? // One grouped count over the candidates' open tickets, found through tickets_assignees_gin.
        sql`select c.id from cand c
            left join (
              select a.id, count(*) as n
              from tickets t cross join lateral unnest(t.assignee_ids) as a(id)
              where t.workspace_id = ${w} and t.assignee_ids && (select coalesce(array_agg(id), '{}') from cand)
                and t.status in ('active', 'pending') and t.deleted_at is null
              group by a.id
            ) load on load.id = c.id
            order by coalesce(load.n, 0), ${turn} limit 1`
      : sql`select c.id from cand c order by ${turn} limit 1`;
  const [row] = await queryRows<{ id: number }>(
    ctx.db,
    sql`with cand as (${candidates}), pick as (${pick})
        update departments set assignment_last_user_id = pick.id from pick
        where departments.workspace_id = ${w} and departments.id = ${departmentId}
        returning pick.id as id`,
  );
  return row ? Number(row.id) : null;
}
