import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TTicketPage } from '../../../contracts/tickets';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { LIST_COLUMNS, lookupsFor, requireTicketAccess, toListItem, visibleTo, type ListRow } from '../tickets';

/**
 * E4: "my requests" — the caller's desk requests, newest first, by request type or desk:
 * a customer's own and those shared with them (or their group); staff's own.
 */
export async function listRequests({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: PageInput & { requestTypeId?: number; deskId?: number };
}): Promise<TTicketPage> {
  const actor = requireTicketAccess(ctx);
  const where = inWorkspace(
    tickets,
    ctx,
    isNull(tickets.deletedAt),
    input.requestTypeId ? eq(tickets.requestTypeId, input.requestTypeId) : isNotNull(tickets.requestTypeId),
    input.deskId ? eq(tickets.deskId, input.deskId) : undefined,
    actor.role === 'customer' ? visibleTo(actor) : eq(tickets.requesterId, actor.id),
  );
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select(LIST_COLUMNS)
        .from(tickets)
        .where(where)
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)) as Promise<ListRow[]>,
    () => ctx.db.select({ n: count() }).from(tickets).where(and(where)),
  );
  const lookups = await lookupsFor(ctx, rows);
  return {
    ...pageOf(
      rows.map((r) => toListItem(r, lookups)),
      n,
      input,
    ),
    totalExact: true,
  };
}
