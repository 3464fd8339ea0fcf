import { eq, sql } from 'drizzle-orm';
import { tickets, users } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { rebuildSearch } from './write/search-index';

/**
 * The moving half of a merge (merge-ticket.ts), in its transaction with both rows locked: the
 * source's messages (keeping their times and ids), their attachments, its event log,
 * participants and links go to the target; then the target's counters, clocks, tags, copies and
 * search vectors are recomputed from what it now holds. Answers the target as it now is.
 */
export async function moveIntoTarget(tx: Ctx, source: TicketRow, target: TicketRow): Promise<TicketRow> {
  const w = tx.workspaceId;
  // Attachments first (found through their messages, files_message_idx), then the messages.
  await tx.db.execute(sql`update files set ticket_id = ${target.id}
    where workspace_id = ${w} and message_id in (select id from messages where workspace_id = ${w} and ticket_id = ${source.id})`);
  await tx.db.execute(
    sql`update messages set ticket_id = ${target.id} where workspace_id = ${w} and ticket_id = ${source.id}`,
  );
  await tx.db.execute(
    sql`update ticket_events set ticket_id = ${target.id} where workspace_id = ${w} and ticket_id = ${source.id}`,
  );
  // Followers, people it is shared with and "don't notify me" choices: the target's own win.
  await tx.db.execute(sql`insert into ticket_participants (workspace_id, ticket_id, user_id, kind, notify, created_at)
    select workspace_id, ${target.id}, user_id, kind, notify, created_at from ticket_participants
    where workspace_id = ${w} and ticket_id = ${source.id}
    on conflict (ticket_id, user_id, kind) do nothing`);
  await tx.db.execute(sql`delete from ticket_participants where workspace_id = ${w} and ticket_id = ${source.id}`);
  await moveLinks(tx, source.id, target.id);
  const requester = await keepRequesterInformed(tx, source, target);

  // Counters and clocks from the merged thread (one aggregate over messages_ticket_idx).
  const [agg] = await queryRows<{
    replies: number;
    notes: number;
    last_message_at: Date | null;
    last_agent_at: Date | null;
    last_customer_at: Date | null;
    first_agent_at: Date | null;
  }>(
    tx.db,
    sql`select count(*) filter (where kind = 'reply')::int as replies,
        count(*) filter (where kind = 'note')::int as notes,
        max(created_at) filter (where kind = 'reply') as last_message_at,
        max(created_at) filter (where kind = 'reply' and author_kind = 'agent') as last_agent_at,
        max(created_at) filter (where kind = 'reply' and author_kind in ('customer', 'guest')) as last_customer_at,
        min(created_at) filter (where kind = 'reply' and author_kind = 'agent') as first_agent_at
      from messages where workspace_id = ${w} and ticket_id = ${target.id}`,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  const lastAgent = date(agg.last_agent_at);
  let waitingSince = target.waitingSince;
  if (target.status === 'active') {
    // Waiting since the first requester message after staff last answered (either thread).
    const after = lastAgent?.toISOString() ?? null;
    const [w0] = await queryRows<{ since: Date | null }>(
      tx.db,
      sql`select min(created_at) as since from messages where workspace_id = ${w} and ticket_id = ${target.id}
        and kind = 'reply' and author_kind in ('customer', 'guest')
        and (${after}::timestamptz is null or created_at > ${after}::timestamptz)`,
    );
    waitingSince = date(w0?.since ?? null) ?? target.waitingSince ?? tx.deps.clock.now();
  }
  const firstResponse = [target.firstResponseAt, source.firstResponseAt, date(agg.first_agent_at)]
    .filter((d): d is Date => !!d)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const [row] = (await tx.db
    .update(tickets)
    .set({
      messageCount: agg.replies,
      noteCount: agg.notes,
      lastMessageAt: date(agg.last_message_at),
      lastAgentReplyAt: lastAgent,
      lastCustomerReplyAt: date(agg.last_customer_at),
      waitingSince,
      firstResponseAt: firstResponse ?? null,
      tagIds: [...new Set([...target.tagIds, ...source.tagIds])],
      cc: union(target.cc, source.cc, requester.cc),
      bcc: union(target.bcc, source.bcc),
      updatedAt: tx.deps.clock.now(),
    })
    .where(inWorkspace(tickets, tx, eq(tickets.id, target.id)))
    .returning(TICKET_COLUMNS)) as TicketRow[];
  await rebuildSearch(tx, row, { public: true, notes: true });
  return row;
}

/** Addresses once each (case-insensitively), in their first order. */
function union(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of lists.flat()) {
    const k = e.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out.slice(0, 50);
}

/**
 * The source's requester keeps hearing of the ticket: a customer is shared on the target (it is
 * in their portal) and copied; staff follow it; a guest is copied. Nothing when it is the same
 * requester.
 */
async function keepRequesterInformed(tx: Ctx, source: TicketRow, target: TicketRow): Promise<{ cc: string[] }> {
  const now = tx.deps.clock.now();
  const targetEmail = target.requesterEmail?.toLowerCase() ?? target.guestEmail?.toLowerCase() ?? null;
  if (source.requesterId) {
    if (source.requesterId === target.requesterId) return { cc: [] };
    const [u] = await tx.db
      .select({ role: users.role, email: users.email })
      .from(users)
      .where(inWorkspace(users, tx, eq(users.id, source.requesterId)));
    if (!u) return { cc: [] };
    const kind = u.role === 'customer' ? 'shared' : 'follower';
    await tx.db.execute(sql`insert into ticket_participants (workspace_id, ticket_id, user_id, kind, created_at)
      values (${tx.workspaceId}, ${target.id}, ${source.requesterId}, ${kind}, ${now})
      on conflict (ticket_id, user_id, kind) do nothing`);
    const email = u.email?.toLowerCase();
    return { cc: u.role === 'customer' && email && email !== targetEmail ? [email] : [] };
  }
  const guest = source.guestEmail?.toLowerCase();
  return { cc: guest && guest !== targetEmail ? [guest] : [] };
}

/**
 * The source's links become the target's: a link between the two disappears, and one the
 * target already has with the same ticket (either way round) is not doubled.
 */
async function moveLinks(tx: Ctx, sourceId: number, targetId: number) {
  const w = tx.workspaceId;
  await tx.db.execute(sql`delete from ticket_links where workspace_id = ${w}
    and ((ticket_id = ${sourceId} and other_id = ${targetId}) or (ticket_id = ${targetId} and other_id = ${sourceId}))`);
  await tx.db
    .execute(sql`delete from ticket_links l where l.workspace_id = ${w} and (l.ticket_id = ${sourceId} or l.other_id = ${sourceId})
    and exists (select 1 from ticket_links t where t.workspace_id = ${w}
      and ((t.ticket_id = ${targetId} and t.other_id = case when l.ticket_id = ${sourceId} then l.other_id else l.ticket_id end)
        or (t.other_id = ${targetId} and t.ticket_id = case when l.ticket_id = ${sourceId} then l.other_id else l.ticket_id end)))`);
  await tx.db.execute(
    sql`update ticket_links set ticket_id = ${targetId} where workspace_id = ${w} and ticket_id = ${sourceId}`,
  );
  await tx.db.execute(
    sql`update ticket_links set other_id = ${targetId} where workspace_id = ${w} and other_id = ${sourceId}`,
  );
}
