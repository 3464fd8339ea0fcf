import { and, eq, isNull, sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TTicketLink, TTicketLinkKind } from '../../../contracts/ticket-merge';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict } from '../../platform/errors';
import { findVisibleTicket, TICKET_COLUMNS, type TicketRow } from './ticket-access';

/** How far a chain of merges is followed (A into B, later B into C …); merges never loop. */
const MAX_HOPS = 20;

/** The stored row of a link: one per pair, kind related | duplicate | parent. */
export type StoredLinkKind = 'related' | 'duplicate' | 'parent';

/**
 * A link asked for from one ticket's side, as stored: duplicate rows start at the duplicate,
 * parent rows at the parent. `swap` means the row starts at the other ticket.
 */
export function storedLink(kind: TTicketLinkKind): { kind: StoredLinkKind; swap: boolean } {
  switch (kind) {
    case 'related':
      return { kind: 'related', swap: false };
    case 'duplicate_of':
      return { kind: 'duplicate', swap: false };
    case 'duplicated_by':
      return { kind: 'duplicate', swap: true };
    case 'parent_of':
      return { kind: 'parent', swap: false };
    case 'child_of':
      return { kind: 'parent', swap: true };
  }
}

/** A stored row read from one ticket's side (`outgoing`: the row starts at that ticket). */
export function linkKindSeen(kind: string, outgoing: boolean): TTicketLinkKind {
  if (kind === 'duplicate') return outgoing ? 'duplicate_of' : 'duplicated_by';
  if (kind === 'parent') return outgoing ? 'parent_of' : 'child_of';
  return 'related';
}

/** A link as `linksColumn` reads it (json). */
export interface LinkColumn {
  number: number;
  subject: string;
  status: TTicketLink['status'];
  kind: string;
  outgoing: boolean;
}

/**
 * What the ticket page shows of linking, as a column of the statement that reads the page's side
 * data (ticket-side.ts): the links over both directions (deleted tickets left out), in number
 * order, at most 200.
 */
export const linksColumn = (ctx: Ctx, ticketId: number) =>
  sql<LinkColumn[]>`(select coalesce(json_agg(x order by x.number), '[]'::json) from (
    select t.number, t.subject, t.status, l.kind, l.ticket_id = ${ticketId} as outgoing
    from ticket_links l join tickets t on t.workspace_id = l.workspace_id
      and t.id = case when l.ticket_id = ${ticketId} then l.other_id else l.ticket_id end
    where l.workspace_id = ${ctx.workspaceId} and (l.ticket_id = ${ticketId} or l.other_id = ${ticketId})
      and t.deleted_at is null
    order by t.number limit 200) x)`;

/** The number a merged ticket went into, as a column of the same statement. */
export const mergedIntoColumn = (ctx: Ctx, mergedIntoId: number) =>
  sql<number | null>`(select number from tickets where workspace_id = ${ctx.workspaceId} and id = ${mergedIntoId})`;

export const linksFrom = (read: LinkColumn[]): TTicketLink[] =>
  read.map((l) => ({
    number: Number(l.number),
    subject: l.subject,
    status: l.status,
    kind: linkKindSeen(l.kind, l.outgoing),
  }));

/**
 * The ticket a merged ticket now lives in: follows merged_into_id through chains (one recursive
 * query) to the last ticket, which must not be deleted; a ticket that was not merged is itself.
 * Null when the chain ends at a deleted ticket.
 */
export async function followMerged(ctx: Ctx, row: TicketRow): Promise<TicketRow | null> {
  if (!row.mergedIntoId) return row;
  const [last] = await queryRows<{ id: number }>(
    ctx.db,
    sql`with recursive chain(id, next, hops) as (
        select id, merged_into_id, 0 from tickets where workspace_id = ${ctx.workspaceId} and id = ${row.mergedIntoId}
        union all
        select t.id, t.merged_into_id, c.hops + 1 from chain c
          join tickets t on t.workspace_id = ${ctx.workspaceId} and t.id = c.next
          where c.hops < ${MAX_HOPS}
      )
      select id from chain where next is null limit 1`,
  );
  if (!last) return null;
  const [target] = (await ctx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(and(inWorkspace(tickets, ctx, eq(tickets.id, Number(last.id)), isNull(tickets.deletedAt))))) as TicketRow[];
  return target ?? null;
}

/**
 * Where a message to this ticket goes (the portal's and staff's replies): a merged ticket's
 * messages go to the ticket it now lives in, if the writer may see that one (409 otherwise).
 */
export async function mergedTarget(ctx: Ctx, row: TicketRow): Promise<TicketRow> {
  if (!row.mergedIntoId) return row;
  const target = await followMerged(ctx, row);
  if (!target) throw Conflict('errors.ticket_already_merged');
  return findVisibleTicket(ctx, target.number).catch(() => {
    throw Conflict('errors.ticket_already_merged');
  });
}
