import type { TicketRef } from '../../../contracts/tickets';
import type { TStatus } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { AppError, Forbidden, InvalidField } from '../../platform/errors';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor, type TicketRow } from './ticket-access';
import { changeTicket, setFollowing } from './write/change-ticket';

/** C11: soft delete. An agent cannot delete a ticket it created itself. */
export async function deleteTicket({ ctx, number }: { ctx: Ctx; number: TicketRef }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor) || !can(actor, 'tickets.delete')) throw Forbidden();
  await withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    if (actor.role === 'agent' && ticket.createdById === actor.id) throw Forbidden('errors.cannot_delete_own_ticket');
    await changeTicket(tx, ticket, { deleted: true });
  });
}

export async function restoreTicket({ ctx, number }: { ctx: Ctx; number: TicketRef }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor) || !can(actor, 'tickets.delete')) throw Forbidden();
  await withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { includeDeleted: true, forUpdate: true });
    if (!ticket.deletedAt) throw new AppError('conflict', { key: 'errors.ticket_not_deleted' });
    await changeTicket(tx, ticket, { deleted: false });
  });
}

/** C13: the agent takes the ticket, joining any assignees already on it. */
export async function assignToMe({ ctx, number }: { ctx: Ctx; number: TicketRef }): Promise<TicketRow> {
  const actor = ctx.actor!;
  if (!isStaffActor(actor)) throw Forbidden();
  return withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    if (ticket.assigneeIds.includes(actor.id)) return ticket;
    return (await changeTicket(tx, ticket, { assigneeIds: [...ticket.assigneeIds, actor.id] }, { self: true })).row;
  });
}

/** Sets a status directly (bulk and lock): keeps the waiting clock and closing time right. */
export async function setStatus(ctx: Ctx, number: TicketRef, status: TStatus) {
  if (!['active', 'pending', 'closed', 'locked'].includes(status)) throw InvalidField('value', 'validation.invalid');
  const ticket = await findVisibleTicket(ctx, number, { forUpdate: true });
  await changeTicket(ctx, ticket, { status });
}

/**
 * C13: the signed-in staff member follows a ticket they may see, or stops following it. Only
 * their own participation row changes, under the ticket's row lock: nobody else's follow is lost.
 */
export async function followTicket({ ctx, number, on }: { ctx: Ctx; number: TicketRef; on: boolean }) {
  const actor = ctx.actor!;
  if (!isStaffActor(actor)) throw Forbidden();
  return withTx(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    await setFollowing(tx, ticket, actor.id, on);
    return ticket;
  });
}
