import { sql } from 'drizzle-orm';
import type { TicketRef } from '../../../contracts/tickets';
import type { TTicket } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { findVisibleTicket } from './ticket-access';
import { ticketDetails } from './ticket-details';

/** A repeated view by the same person within this window is not logged again. */
const VIEW_DEDUP_MS = 60_000;

/** D4, and the view log (C22): each opening of the page by a signed-in person is recorded. */
export async function getTicket({ ctx, number }: { ctx: Ctx; number: TicketRef }): Promise<TTicket> {
  const actor = ctx.actor!;
  const row = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const now = ctx.deps.clock.now();
  // Logged unless the same person opened it within the window: an insert that writes only when
  // it inserts, made by the statement that reads the page's side data (one round trip fewer).
  const viewLog = sql`insert into ticket_views (workspace_id, ticket_id, user_id, by_admin, viewed_at)
    select ${ctx.workspaceId}::bigint, ${row.id}::bigint, ${actor.id}::bigint, ${actor.role === 'admin'}::boolean, ${now}::timestamptz
    where not exists (select 1 from ticket_views v where v.workspace_id = ${ctx.workspaceId}
      and v.ticket_id = ${row.id} and v.user_id = ${actor.id}
      and v.viewed_at > ${new Date(now.getTime() - VIEW_DEDUP_MS)})`;
  return ticketDetails(ctx, row, { alsoWrite: viewLog });
}
