import { sql } from 'drizzle-orm';
import type { TicketRef, TTicket } from '../../../contracts/tickets';
import type { TLinkTicket } from '../../../contracts/ticket-merge';
import { withTx, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { Conflict, InvalidField, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { otherTicket, requireTicketEditor } from './merge-ticket';
import { findVisibleTicket, type TicketRow } from './ticket-access';
import { ticketDetails } from './ticket-details';
import { announce, logTicketEvent } from './ticket-events';
import { linkKindSeen, storedLink } from './ticket-links';
import { lockTicket } from './write/append-message';

/** Both rows locked in id order (as a merge does), answered as [this, other]. */
async function lockPair(tx: Ctx, a: TicketRow, b: TicketRow): Promise<[TicketRow, TicketRow]> {
  const first = await lockTicket(tx, Math.min(a.id, b.id));
  const second = await lockTicket(tx, Math.max(a.id, b.id));
  return first.id === a.id ? [first, second] : [second, first];
}

/** The pair's stored link, either way round. */
async function linkBetween(tx: Ctx, a: number, b: number) {
  const [row] = await queryRows<{ ticket_id: string; kind: string }>(
    tx.db,
    sql`select ticket_id, kind from ticket_links where workspace_id = ${tx.workspaceId}
      and ((ticket_id = ${a} and other_id = ${b}) or (ticket_id = ${b} and other_id = ${a})) limit 1`,
  );
  return row ?? null;
}

/**
 * K9: links ticket `number` with another (related, duplicate_of/duplicated_by, parent_of/
 * child_of, read from this ticket's side). One link per pair: a second one is 409, a link to
 * itself or to a merged ticket 400. Both tickets show it, both logs record it.
 */
export async function linkTickets({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: TicketRef;
  input: TLinkTicket;
}): Promise<TTicket> {
  requireTicketEditor(ctx);
  const pre = await findVisibleTicket(ctx, number);
  const preOther = await otherTicket(ctx, input.number, 'number', 'validation.link_target_unknown');
  if (preOther.id === pre.id) throw InvalidField('number', 'validation.link_to_itself');
  if (preOther.deletedAt) throw InvalidField('number', 'validation.link_target_unknown');
  if (pre.mergedIntoId || preOther.mergedIntoId) throw InvalidField('number', 'validation.link_merged');

  return withTx(ctx, async (tx) => {
    const [self, other] = await lockPair(tx, pre, preOther);
    if (self.mergedIntoId || other.mergedIntoId) throw InvalidField('number', 'validation.link_merged');
    if (await linkBetween(tx, self.id, other.id)) throw Conflict('errors.link_exists');
    const { kind, swap } = storedLink(input.kind);
    const [from, to] = swap ? [other, self] : [self, other];
    await tx.db
      .execute(sql`insert into ticket_links (workspace_id, ticket_id, other_id, kind, created_by_id, created_at)
      values (${tx.workspaceId}, ${from.id}, ${to.id}, ${kind}, ${tx.actor!.id}, ${tx.deps.clock.now()})`);
    await logTicketEvent(tx, self.id, 'linked', { number: other.number, kind: input.kind });
    await logTicketEvent(tx, other.id, 'linked', { number: self.number, kind: linkKindSeen(kind, swap) });
    await audit(tx, 'ticket.linked', 'ticket', self.id, { number: self.number, other: other.number, kind: input.kind });
    await announce(tx, other, 'ticket.updated');
    await announce(tx, self, 'ticket.updated');
    return ticketDetails(tx, self);
  });
}

/** K9: removes the link between two tickets, from either side (both stop showing it); 404 without one. */
export async function unlinkTickets({
  ctx,
  number,
  otherNumber,
}: {
  ctx: Ctx;
  number: TicketRef;
  otherNumber: number;
}): Promise<TTicket> {
  requireTicketEditor(ctx);
  const pre = await findVisibleTicket(ctx, number);
  const preOther = await findVisibleTicket(ctx, otherNumber, { includeDeleted: true });

  return withTx(ctx, async (tx) => {
    const [self, other] = await lockPair(tx, pre, preOther);
    const link = await linkBetween(tx, self.id, other.id);
    if (!link) throw NotFound('errors.link_not_found');
    await tx.db.execute(sql`delete from ticket_links where workspace_id = ${tx.workspaceId}
      and ((ticket_id = ${self.id} and other_id = ${other.id}) or (ticket_id = ${other.id} and other_id = ${self.id}))`);
    const outgoing = Number(link.ticket_id) === self.id;
    await logTicketEvent(tx, self.id, 'unlinked', { number: other.number, kind: linkKindSeen(link.kind, outgoing) });
    await logTicketEvent(tx, other.id, 'unlinked', { number: self.number, kind: linkKindSeen(link.kind, !outgoing) });
    await audit(tx, 'ticket.unlinked', 'ticket', self.id, { number: self.number, other: other.number });
    await announce(tx, other, 'ticket.updated');
    await announce(tx, self, 'ticket.updated');
    return ticketDetails(tx, self);
  });
}
