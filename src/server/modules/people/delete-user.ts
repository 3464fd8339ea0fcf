import { eq, isNull, sql } from 'drizzle-orm';
import { apiTokens, departmentAgents, groupMembers, sessions, tickets, users } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { flushOutbox, notifyLive, TICKET_COLUMNS } from '../tickets';
import { assertCanManageUser } from './manage-rules';
import { assertNotLastAdmin, findUser } from './users.repo';
import { forgetActors } from '../../platform/auth/actor-cache';

/** Open ticket pages and lists refresh for at most this many of the tickets a deletion changed. */
const LIVE_LIMIT = 200;

/**
 * Removes an account softly: the row stays (tickets keep their requester and author) but it
 * can no longer sign in, and its username, e-mail and mobile become free again. A removed agent
 * or admin is also taken off the tickets it was assigned to or followed and off the departments
 * it managed, in the same transaction, each ticket's log saying so.
 */
export async function deleteUser({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  const current = await findUser(ctx, id);
  if (!current) throw NotFound();
  await assertCanManageUser(ctx, current);
  if (ctx.actor!.id === id) throw InvalidField('id', 'validation.cannot_delete_self');
  await withTx(ctx, async (tx) => {
    if (current.role === 'admin') await assertNotLastAdmin(tx, id, 'id');
    const now = tx.deps.clock.now();
    await tx.db
      .update(users)
      .set({ deletedAt: now, active: false, updatedAt: now })
      .where(inWorkspace(users, tx, eq(users.id, id)));
    await tx.db.delete(sessions).where(inWorkspace(sessions, tx, eq(sessions.userId, id)));
    await tx.db.delete(apiTokens).where(inWorkspace(apiTokens, tx, eq(apiTokens.userId, id)));
    await tx.db.delete(departmentAgents).where(inWorkspace(departmentAgents, tx, eq(departmentAgents.userId, id)));
    await tx.db.delete(groupMembers).where(inWorkspace(groupMembers, tx, eq(groupMembers.userId, id)));
    const released = current.role === 'customer' ? {} : await releaseStaff(tx, id, now);
    await audit(tx, 'user.deleted', 'user', id, { username: current.username, ...released });
  });
  forgetActors(ctx.deps, id);
}

/**
 * Takes a staff member off every ticket's assignees and followers and off the departments it
 * manages. One statement per kind of change and one insert for every event, however many tickets
 * it touches (never a query per ticket); each event names the person removed.
 */
async function releaseStaff(ctx: Ctx, userId: number, now: Date) {
  const ws = ctx.workspaceId;
  // The old arrays come from the locked rows the update joins (RETURNING shows only new values).
  const unassigned = await queryRows<{ id: string; before: string[]; after: string[] }>(
    ctx.db,
    sql`update tickets t set assignee_ids = array_remove(t.assignee_ids, ${userId}::bigint), updated_at = ${now}
      from (select id, assignee_ids from tickets
            where workspace_id = ${ws} and assignee_ids @> array[${userId}::bigint]
            for update) old
      where t.id = old.id
      returning t.id::text as id, old.assignee_ids::text[] as before, t.assignee_ids::text[] as after`,
  );
  // Its own "don't notify me" rows go too; followers are logged with who still follows.
  const unfollowed = await queryRows<{ id: string; rest: string[] }>(
    ctx.db,
    sql`with gone as (
        delete from ticket_participants
        where workspace_id = ${ws} and user_id = ${userId} and kind in ('follower', 'notify_pref')
        returning ticket_id, kind)
      select g.ticket_id::text as id,
        array(select p.user_id::text from ticket_participants p
              where p.ticket_id = g.ticket_id and p.kind = 'follower' and p.user_id <> ${userId}
              order by p.created_at, p.user_id) as rest
      from gone g where g.kind = 'follower'`,
  );
  const managed = await queryRows<{ id: string }>(
    ctx.db,
    sql`update departments set manager_id = null, updated_at = ${now}
      where workspace_id = ${ws} and manager_id = ${userId} returning id::text as id`,
  );

  const removed = String(userId);
  const events = [
    ...unassigned.map((r) => ({ t: r.id, k: 'assigned', d: { from: r.before, to: r.after, removed } })),
    ...unfollowed.map((r) => ({ t: r.id, k: 'followers_changed', d: { to: r.rest, removed } })),
  ];
  if (events.length) {
    await ctx.db.execute(
      sql`insert into ticket_events (workspace_id, ticket_id, actor_id, actor_name, kind, data, created_at)
        select ${ws}::bigint, e.t, ${ctx.actor?.id ?? null}::bigint, ${ctx.actor?.name || ctx.actor?.username || ''}::text,
          e.k, e.d, ${now}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e(t bigint, k text, d jsonb)`,
    );
    await announceChanged(ctx, [...new Set(events.map((e) => e.t))]);
  }
  return {
    unassignedTickets: unassigned.length,
    unfollowedTickets: unfollowed.length,
    managedDepartments: managed.map((r) => r.id),
  };
}

/** Live screens showing these tickets refresh (one NOTIFY statement at most, sent at commit). */
async function announceChanged(ctx: Ctx, ids: string[]) {
  const some = JSON.stringify(ids.slice(0, LIVE_LIMIT));
  const rows = await ctx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(
      inWorkspace(
        tickets,
        ctx,
        isNull(tickets.deletedAt),
        sql`${tickets.id} in (select (jsonb_array_elements_text(${some}::jsonb))::bigint)`,
      ),
    );
  if (!rows.length) return;
  const participants = await queryRows<{ ticket_id: string; user_id: string }>(
    ctx.db,
    sql`select ticket_id::text, user_id::text from ticket_participants
      where workspace_id = ${ctx.workspaceId} and kind in ('follower', 'shared')
        and ticket_id in (select (jsonb_array_elements_text(${some}::jsonb))::bigint)`,
  );
  const byTicket = new Map<number, number[]>();
  for (const p of participants)
    byTicket.set(Number(p.ticket_id), [...(byTicket.get(Number(p.ticket_id)) ?? []), Number(p.user_id)]);
  const live: Ctx = { ...ctx, outbox: { jobs: [], notifies: [] } };
  for (const row of rows) await notifyLive(live, row, 'ticket.updated', {}, byTicket.get(row.id) ?? []);
  await flushOutbox(live);
}
