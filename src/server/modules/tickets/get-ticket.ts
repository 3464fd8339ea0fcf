import { desc, eq, gt } from 'drizzle-orm';
import type { TicketRef } from '../../../contracts/tickets';
import { ticketViews } from '../../../db/schema';
import type { TTicket } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { findVisibleTicket } from './ticket-access';
import { ticketDetails } from './ticket-details';

/** A repeated view by the same person within this window is not logged again. */
const VIEW_DEDUP_MS = 60_000;

/** D4, and the view log (C22): each opening of the page by a signed-in person is recorded. */
export async function getTicket({ ctx, number }: { ctx: Ctx; number: TicketRef }): Promise<TTicket> {
  const actor = ctx.actor!;
  const row = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const now = ctx.deps.clock.now();
  const [recent] = await ctx.db
    .select({ id: ticketViews.id })
    .from(ticketViews)
    .where(
      inWorkspace(
        ticketViews,
        ctx,
        eq(ticketViews.ticketId, row.id),
        eq(ticketViews.userId, actor.id),
        gt(ticketViews.viewedAt, new Date(now.getTime() - VIEW_DEDUP_MS)),
      ),
    )
    .orderBy(desc(ticketViews.viewedAt))
    .limit(1);
  if (!recent) {
    await ctx.db.insert(ticketViews).values({
      workspaceId: ctx.workspaceId,
      ticketId: row.id,
      userId: actor.id,
      byAdmin: actor.role === 'admin',
      viewedAt: now,
    });
  }
  return ticketDetails(ctx, row);
}
