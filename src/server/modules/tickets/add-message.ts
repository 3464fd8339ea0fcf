import { eq } from 'drizzle-orm';
import { tickets, users } from '../../../db/schema';
import type { TCreateMessage, TMessage, TStatus } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { AppError, Conflict, Forbidden, InvalidField } from '../../platform/errors';
import { escapeHtml, hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor, type TicketRow } from './ticket-access';
import { announce, logTicketEvent } from './ticket-events';
import { insertMessage } from './insert-message';
import { threadOf, toMessages } from './message-mapper';
import { queueReplyMail } from '../mail/outbound/queue-reply';

/** The agent's signature (A9), appended to a reply as its own block. */
async function withSignature(ctx: Ctx, html: string): Promise<string> {
  const [u] = await ctx.db.select({ signature: users.signature }).from(users).where(eq(users.id, ctx.actor!.id));
  const sig = u?.signature.trim();
  if (!sig) return html;
  return `${html}<div dir="auto" class="signature">${escapeHtml(sig).replace(/\n/g, '<br>')}</div>`;
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

/**
 * A reply or an internal note (C9, C12, C14, C15, C16). A locked ticket takes nothing; a
 * reply to a closed ticket reopens it; a reply made while someone else wrote newer messages
 * is refused with those messages (409) unless `force`.
 */
export async function addMessage({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: number;
  input: TCreateMessage;
}): Promise<TMessage> {
  const pre = await findVisibleTicket(ctx, number);
  const actor = ctx.actor!;
  const staff = isStaffActor(actor);
  if (input.kind === 'note' && !staff) throw Forbidden('errors.notes_staff_only');
  if (staff && !can(actor, input.kind === 'note' ? 'tickets.note' : 'tickets.reply')) throw Forbidden();
  if (!staff && input.statusAfter) throw InvalidField('statusAfter', 'validation.staff_only');
  if (!staff && input.bcc.length) throw InvalidField('bcc', 'validation.staff_only');
  let bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  if (staff && input.kind === 'reply' && input.signature) bodyHtml = await withSignature(ctx, bodyHtml);

  return withTx(ctx, async (tx) => {
    // Lock the ticket row: concurrent replies are applied one after the other.
    const ticket = await findVisibleTicket(tx, pre.number, { forUpdate: true });
    if (ticket.status === 'locked') throw new AppError('locked', { key: 'errors.ticket_locked' });
    if (input.lastSeenMessageId && !input.force) {
      const newer = await threadOf(tx, ticket.id, { staff, afterId: input.lastSeenMessageId, notFromUserId: actor.id });
      if (newer.length) {
        throw Conflict(
          'errors.newer_messages',
          { count: newer.length },
          { messages: await toMessages(tx, newer, { staff }) },
        );
      }
    }
    const now = tx.deps.clock.now();
    const changes =
      input.kind === 'note' ? {} : statusAfterMessage(ticket, staff ? 'agent' : 'customer', input.statusAfter, now);
    const message = await insertMessage(tx, ticket, {
      kind: input.kind,
      authorKind: staff ? 'agent' : 'customer',
      authorName: actor.name || actor.username,
      bodyHtml,
      direction: input.direction,
      cc: input.cc,
      bcc: staff ? input.bcc : [],
      attachmentIds: input.attachmentIds,
      ticketChanges: {
        ...changes,
        ...('status' in changes && changes.status !== ticket.status ? { statusChangedAt: now } : {}),
      },
    });
    await logTicketEvent(tx, ticket.id, input.kind === 'note' ? 'note_added' : 'replied', {
      messageId: String(message.id),
    });
    if ('status' in changes && changes.status !== ticket.status) {
      await logTicketEvent(tx, ticket.id, ticket.status === 'closed' ? 'reopened' : 'status_changed', {
        from: ticket.status,
        to: changes.status,
      });
    }
    if (staff && input.kind === 'reply' && (await queueReplyMail(tx, ticket, message.id)))
      message.deliveryStatus = 'queued';
    const [fresh] = await tx.db
      .select({ assigneeIds: tickets.assigneeIds })
      .from(tickets)
      .where(eq(tickets.id, ticket.id));
    await announce(tx, { ...ticket, ...fresh }, 'message.created', { kind: input.kind, messageId: message.id });
    const [out] = await toMessages(tx, [message], { staff });
    return out;
  });
}
