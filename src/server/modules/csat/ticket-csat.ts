import { and, eq, isNotNull } from 'drizzle-orm';
import type { TTicketCsat } from '../../../contracts/csat';
import { csatSurveys } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso } from '../../platform/pagination';

/**
 * The ticket page's survey result (`csat` in the ticket's answer): the rating, comment and when,
 * once answered; null before or without a survey. Staff see it; of customers only the requester,
 * their own answer.
 */
export async function csatOfTicket(
  ctx: Ctx,
  ticket: { id: number; requesterId: number | null },
  staff: boolean,
): Promise<TTicketCsat | null> {
  if (!staff && (ctx.actor === null || ctx.actor.id !== ticket.requesterId)) return null;
  const [row] = await ctx.db
    .select({ rating: csatSurveys.rating, comment: csatSurveys.comment, answeredAt: csatSurveys.answeredAt })
    .from(csatSurveys)
    .where(and(inWorkspace(csatSurveys, ctx, eq(csatSurveys.ticketId, ticket.id)), isNotNull(csatSurveys.answeredAt)));
  if (!row || row.rating === null || !row.answeredAt) return null;
  return { rating: row.rating, comment: row.comment, answeredAt: iso(row.answeredAt)! };
}
