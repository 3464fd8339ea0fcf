import { sql, type SQL } from 'drizzle-orm';
import type { TTicketCsat } from '../../../contracts/csat';
import type { Ctx } from '../../platform/context';
import { iso } from '../../platform/pagination';

/** The survey's answer as `csatColumn` reads it (json). */
export interface CsatColumn {
  rating: number | null;
  comment: string | null;
  answeredAt: string | null;
}

/**
 * The ticket page's survey result (`csat` in the ticket's answer) as a column of the statement
 * that reads the page's side data (tickets/ticket-details.ts): the rating, comment and when, once
 * answered. Staff see it; of customers only the requester, their own answer — for anyone else
 * there is no column to read (null).
 */
export function csatColumn(
  ctx: Ctx,
  ticket: { id: number; requesterId: number | null },
  staff: boolean,
): SQL<CsatColumn | null> | null {
  if (!staff && (ctx.actor === null || ctx.actor.id !== ticket.requesterId)) return null;
  return sql<CsatColumn | null>`(select json_build_object('rating', s.rating, 'comment', s.comment,
    'answeredAt', s.answered_at) from csat_surveys s
    where s.workspace_id = ${ctx.workspaceId} and s.ticket_id = ${ticket.id} and s.answered_at is not null
    limit 1)`;
}

/** What the page shows of that column: null before or without an answer. */
export function csatFrom(read: CsatColumn | null | undefined): TTicketCsat | null {
  if (!read || read.rating === null || !read.answeredAt) return null;
  return { rating: read.rating, comment: read.comment, answeredAt: iso(read.answeredAt)! };
}
