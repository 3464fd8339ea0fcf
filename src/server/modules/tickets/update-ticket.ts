import { eq, inArray, isNull, ne } from 'drizzle-orm';
import type { TicketRef } from '../../../contracts/tickets';
import { departments, ticketTypes, users } from '../../../db/schema';
import type { TTicket, TUpdateTicket } from '../../../contracts/tickets';
import type { Permission } from '../../../contracts/permissions';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, Invalid, InvalidField, type Msg } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor } from './ticket-access';
import { ticketDetails } from './ticket-details';
import { tagIdsFor } from './ticket-mapper';
import { TicketLocked } from './write/append-message';
import { changeTicket } from './write/change-ticket';

/** Which permission each field needs (C10, C13). */
const FIELD_PERMISSION: Record<string, Permission> = {
  subject: 'tickets.edit',
  body: 'tickets.edit',
  typeId: 'tickets.edit',
  priority: 'tickets.edit',
  status: 'tickets.edit',
  pinned: 'tickets.edit',
  tags: 'tickets.edit',
  departmentId: 'tickets.transfer',
  assigneeIds: 'tickets.assign',
  followerIds: 'tickets.assign',
};

async function checkRefs(ctx: Ctx, input: TUpdateTicket) {
  const fields: Record<string, Msg> = {};
  if (input.departmentId) {
    const [d] = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(inWorkspace(departments, ctx, eq(departments.id, input.departmentId), eq(departments.active, true)));
    if (!d) fields.departmentId = { key: 'validation.unknown_department' };
  }
  if (input.typeId) {
    const [ty] = await ctx.db
      .select({ id: ticketTypes.id })
      .from(ticketTypes)
      .where(inWorkspace(ticketTypes, ctx, eq(ticketTypes.id, input.typeId)));
    if (!ty) fields.typeId = { key: 'validation.unknown_ticket_type' };
  }
  for (const [field, role] of [
    ['assigneeIds', 'staff'],
    ['followerIds', 'staff'],
    ['sharedWithIds', 'customer'],
  ] as const) {
    const ids = [...new Set(input[field] ?? [])];
    if (!ids.length) continue;
    const roleCond = role === 'staff' ? ne(users.role, 'customer') : eq(users.role, 'customer');
    const found = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(inWorkspace(users, ctx, inArray(users.id, ids), roleCond, isNull(users.deletedAt)));
    if (found.length !== ids.length)
      fields[field] = { key: role === 'staff' ? 'validation.unknown_agent' : 'validation.unknown_customer' };
  }
  if (Object.keys(fields).length) throw Invalid(fields);
}

/**
 * C10, C13, C23: staff edit fields by permission; a customer may close its own ticket, share
 * it with other customers, and say "don't notify me". Each change writes its own event.
 */
export async function updateTicket({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: TicketRef;
  input: TUpdateTicket;
}): Promise<TTicket> {
  const actor = ctx.actor!;
  const staff = isStaffActor(actor);
  if (staff) {
    for (const [field, perm] of Object.entries(FIELD_PERMISSION))
      if (input[field as keyof TUpdateTicket] !== undefined && !can(actor, perm)) throw Forbidden();
  } else {
    const allowed = ['status', 'sharedWithIds', 'notify'];
    const fields: Record<string, Msg> = {};
    for (const k of Object.keys(input))
      if (input[k as keyof TUpdateTicket] !== undefined && !allowed.includes(k))
        fields[k] = { key: 'validation.staff_only' };
    if (input.status && input.status !== 'closed') fields.status = { key: 'validation.customer_close_only' };
    if (Object.keys(fields).length) throw Invalid(fields);
  }
  await checkRefs(ctx, input);
  let bodyHtml: string | undefined;
  if (input.body !== undefined) {
    bodyHtml = sanitizeRichText(input.body);
    if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  }

  return withTx(ctx, async (tx) => {
    // Read and lock the row in the transaction: every change applies to the ticket as it is now.
    const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    if (!staff) {
      if ((input.sharedWithIds || input.status) && ticket.requesterId !== actor.id) throw Forbidden();
      // C4: a customer can neither close nor reopen a locked ticket.
      if (input.status && ticket.status === 'locked') throw TicketLocked();
    }
    const { row } = await changeTicket(tx, ticket, {
      subject: input.subject,
      bodyHtml,
      departmentId: input.departmentId,
      typeId: input.typeId,
      priority: input.priority,
      status: input.status,
      assigneeIds: input.assigneeIds,
      pinned: input.pinned,
      tags: input.tags ? { ids: await tagIdsFor(tx, input.tags), names: input.tags } : undefined,
      followerIds: input.followerIds,
      sharedWithIds: input.sharedWithIds,
      notify: input.notify,
    });
    return ticketDetails(tx, row);
  });
}
