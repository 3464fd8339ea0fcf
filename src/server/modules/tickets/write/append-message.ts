import { eq } from 'drizzle-orm';
import { tickets } from '../../../../db/schema';
import type { TStatus } from '../../../../contracts/tickets';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { AppError, NotFound } from '../../../platform/errors';
import { TICKET_COLUMNS, type TicketRow } from '../ticket-access';
import { logTicketEvent, notifyLive, queueNotification } from '../ticket-events';
import { insertMessage, type MessageRow, type NewMessage } from './message-row';
import { queueSlaChecks, slaChanges } from '../../sla';

/** C4: a locked ticket takes no message, from anyone, by any way. */
export const TicketLocked = () => new AppError('locked', { key: 'errors.ticket_locked' });

/**
 * The ticket row, locked `for update` until the caller's transaction ends: every write to a
 * ticket (message, change, follow) takes it first, so concurrent writers apply one after the
 * other, each on the row as the previous one left it.
 */
export async function lockTicket(tx: Ctx, ticketId: number): Promise<TicketRow> {
  const [row] = (await tx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(inWorkspace(tickets, tx, eq(tickets.id, ticketId)))
    .for('update')) as TicketRow[];
  if (!row) throw NotFound('errors.ticket_not_found');
  return row;
}

/** C9: how a ticket's status and waiting clock move when someone writes. */
export function statusAfterMessage(
  ticket: TicketRow,
  by: 'customer' | 'agent',
  statusAfter: TStatus | undefined,
  now: Date,
) {
  if (by === 'customer') {
    return {
      status: 'active' as const,
      waitingSince: ticket.status === 'active' && ticket.waitingSince ? ticket.waitingSince : now,
      lastCustomerReplyAt: now,
      closedAt: null,
    };
  }
  const status = statusAfter ?? 'pending';
  return {
    status,
    waitingSince: status === 'active' ? (ticket.waitingSince ?? now) : null,
    lastAgentReplyAt: now,
    closedAt: status === 'closed' ? now : null,
  };
}

export interface AppendMessage extends Omit<NewMessage, 'ticketChanges'> {
  /** Whose side wrote it: a requester's reply makes the ticket wait for us, staff's for them (C9). */
  by: 'customer' | 'agent' | 'system';
  /** Staff's choice of the status after their reply (default pending). */
  statusAfter?: TStatus;
  /** Recorded on the event: the message came by e-mail. */
  via?: 'email';
  /** false: no live event or notification (a system note written beside an announced message). */
  announce?: boolean;
}

/**
 * Appends a reply or a note to a ticket the caller locked (`lockTicket`) in its transaction:
 * refuses a locked ticket, applies the status rules (C9: a reply reopens a closed ticket; notes
 * move nothing), keeps counters and search text current, writes the event log and announces it
 * (live NOTIFY and the notification job — through `ctx.outbox` when a bulk writer collects them).
 * Used by the portal, staff, guests, mail intake and import alike.
 */
export async function appendMessage(
  tx: Ctx,
  ticket: TicketRow,
  m: AppendMessage,
): Promise<{ row: TicketRow; message: MessageRow }> {
  if (ticket.status === 'locked') throw TicketLocked();
  const { by, statusAfter, via, announce = true, ...message } = m;
  const now = tx.deps.clock.now();
  const changes = m.kind === 'note' || by === 'system' ? null : statusAfterMessage(ticket, by, statusAfter, now);
  const moved = !!changes && changes.status !== ticket.status;
  // E3: a reply answers or starts SLA clocks; a status move pauses or resumes them.
  const sla = changes ? await slaChanges(tx, { ...ticket, ...changes }, now) : null;
  const made = await insertMessage(tx, ticket, {
    ...message,
    // Reports (K4): the first staff reply stamps first_response_at once (the row is locked: a coalesce).
    ticketChanges: changes
      ? {
          ...changes,
          ...(moved ? { statusChangedAt: now } : {}),
          ...sla,
          ...(by === 'agent' && !ticket.firstResponseAt ? { firstResponseAt: now } : {}),
        }
      : undefined,
  });
  await queueSlaChecks(tx, ticket.id, ticket, sla, now);
  await logTicketEvent(tx, ticket.id, m.kind === 'note' ? 'note_added' : 'replied', {
    messageId: String(made.message.id),
    ...(via ? { via } : {}),
  });
  if (moved)
    await logTicketEvent(tx, ticket.id, ticket.status === 'closed' ? 'reopened' : 'status_changed', {
      from: ticket.status,
      to: changes.status,
    });
  if (announce) {
    const extra = { kind: m.kind, messageId: made.message.id };
    await notifyLive(tx, made.row, 'message.created', extra);
    await queueNotification(tx, ticket.id, 'message.created', {
      ...extra,
      ...(moved ? { changes: { status: { from: ticket.status, to: changes.status! } } } : {}),
    });
  }
  return made;
}
