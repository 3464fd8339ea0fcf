import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { tickets } from '../../../db/schema';
import type { TMessage, ZGuestReply } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, InvalidField } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { getSettings } from '../settings/settings.repo';
import { statusAfterMessage } from './add-message';
import { asGuest, findGuestTicket, guestAttachmentUrl, guestUploadsOpen } from './guest-access';
import { insertMessage } from './insert-message';
import { toMessages } from './message-mapper';
import { TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { announce, logTicketEvent } from './ticket-events';

/**
 * F4/C9: a guest answers on its ticket with the tracking code. It moves the ticket like a
 * customer's reply: active again, a closed ticket reopens; a locked one takes nothing.
 */
export async function addGuestMessage({
  ctx,
  number,
  code,
  input,
}: {
  ctx: Ctx;
  number: number;
  code: string;
  input: z.infer<typeof ZGuestReply>;
}): Promise<TMessage> {
  const guest = asGuest(ctx);
  const pre = await findGuestTicket(guest, number, code);
  if (input.attachmentIds.length && !guestUploadsOpen(await getSettings(guest)))
    throw InvalidField('attachmentIds', 'errors.guest_attachments_closed');
  const bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');

  return withTx(guest, async (tx) => {
    // Lock the ticket row: concurrent replies are applied one after the other.
    const [ticket] = (await tx.db
      .select(TICKET_COLUMNS)
      .from(tickets)
      .where(inWorkspace(tickets, tx, eq(tickets.id, pre.id)))
      .for('update')) as TicketRow[];
    if (ticket.status === 'locked') throw new AppError('locked', { key: 'errors.ticket_locked' });
    const now = tx.deps.clock.now();
    const changes = statusAfterMessage(ticket, 'customer', undefined, now);
    const changed = changes.status !== ticket.status;
    const message = await insertMessage(tx, ticket, {
      kind: 'reply',
      authorKind: 'guest',
      authorName: ticket.guestName ?? '',
      bodyHtml,
      direction: input.direction,
      attachmentIds: input.attachmentIds,
      ticketChanges: { ...changes, ...(changed ? { statusChangedAt: now } : {}) },
    });
    await logTicketEvent(tx, ticket.id, 'replied', { messageId: String(message.id) });
    if (changed)
      await logTicketEvent(tx, ticket.id, ticket.status === 'closed' ? 'reopened' : 'status_changed', {
        from: ticket.status,
        to: changes.status,
      });
    await announce(tx, ticket, 'message.created', { kind: 'reply', messageId: message.id });
    const [out] = await toMessages(tx, [message], {
      staff: false,
      attachmentUrl: guestAttachmentUrl(ticket.number, code),
    });
    return out;
  });
}
