import { eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TStatus } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, Forbidden, InvalidField } from '../../platform/errors';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor, TICKET_COLUMNS } from './ticket-access';
import { announce, logTicketEvent } from './ticket-events';

/** C11: soft delete. An agent cannot delete a ticket it created itself. */
export async function deleteTicket({ ctx, number }: { ctx: Ctx; number: number }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor) || !can(actor, 'tickets.delete')) throw Forbidden();
  await withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    if (actor.role === 'agent' && ticket.createdById === actor.id) throw Forbidden('errors.cannot_delete_own_ticket');
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .update(tickets)
      .set({ deletedAt: now, deletedById: actor.id, updatedAt: now })
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)))
      .returning(TICKET_COLUMNS);
    await logTicketEvent(tx, ticket.id, 'deleted');
    await announce(tx, row, 'ticket.updated');
  });
}

export async function restoreTicket({ ctx, number }: { ctx: Ctx; number: number }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor) || !can(actor, 'tickets.delete')) throw Forbidden();
  await withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { includeDeleted: true, forUpdate: true });
    if (!ticket.deletedAt) throw new AppError('conflict', { key: 'errors.ticket_not_deleted' });
    const [row] = await tx.db
      .update(tickets)
      .set({ deletedAt: null, deletedById: null, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)))
      .returning(TICKET_COLUMNS);
    await logTicketEvent(tx, ticket.id, 'restored');
    await announce(tx, row, 'ticket.updated');
  });
}

/** C13: the agent takes the ticket, joining any assignees already on it. */
export async function assignToMe({ ctx, number }: { ctx: Ctx; number: number }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor)) throw Forbidden();
  return withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    if (ticket.assigneeIds.includes(actor.id)) return ticket;
    const ids = [...ticket.assigneeIds, actor.id].sort((a, b) => a - b);
    const [row] = await tx.db
      .update(tickets)
      .set({ assigneeIds: ids, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)))
      .returning(TICKET_COLUMNS);
    await logTicketEvent(tx, ticket.id, 'assigned', {
      from: ticket.assigneeIds.map(String),
      to: ids.map(String),
      self: true,
    });
    await announce(tx, row, 'ticket.updated');
    return row;
  });
}

/** Sets a status directly (bulk and lock): keeps the waiting clock and closing time right. */
export async function setStatus(ctx: Ctx, number: number, status: TStatus) {
  if (!['active', 'pending', 'closed', 'locked'].includes(status)) throw InvalidField('value', 'validation.invalid');
  const ticket = await findVisibleTicket(ctx, number, { forUpdate: true });
  if (ticket.status === status) return;
  const now = ctx.deps.clock.now();
  const [row] = await ctx.db
    .update(tickets)
    .set({
      status,
      statusChangedAt: now,
      updatedAt: now,
      closedAt: status === 'closed' ? now : null,
      waitingSince: status === 'active' ? (ticket.waitingSince ?? now) : null,
    })
    .where(inWorkspace(tickets, ctx, eq(tickets.id, ticket.id)))
    .returning(TICKET_COLUMNS);
  await logTicketEvent(ctx, ticket.id, 'status_changed', { from: ticket.status, to: status });
  await announce(ctx, row, 'ticket.updated');
}
