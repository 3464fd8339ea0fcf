import { eq } from 'drizzle-orm';
import type { TicketRef } from '../../../contracts/tickets';
import { users } from '../../../db/schema';
import type { TCreateMessage, TMessage } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { Conflict, Forbidden, InvalidField } from '../../platform/errors';
import { escapeHtml, hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor } from './ticket-access';
import { mergedTarget } from './ticket-links';
import { threadOf, toMessages } from './message-mapper';
import { appendMessage, TicketLocked } from './write/append-message';
import { queueReplyMail } from '../mail';

/** The agent's signature (A9), appended to a reply as its own block. */
async function withSignature(ctx: Ctx, html: string): Promise<string> {
  const [u] = await ctx.db.select({ signature: users.signature }).from(users).where(eq(users.id, ctx.actor!.id));
  const sig = u?.signature.trim();
  if (!sig) return html;
  return `${html}<div dir="auto" class="signature">${escapeHtml(sig).replace(/\n/g, '<br>')}</div>`;
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
  number: TicketRef;
  input: TCreateMessage;
}): Promise<TMessage> {
  // K9: a message to a merged ticket goes to the ticket it was merged into.
  const pre = await mergedTarget(ctx, await findVisibleTicket(ctx, number));
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
    if (ticket.status === 'locked') throw TicketLocked();
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
    const { message } = await appendMessage(tx, ticket, {
      kind: input.kind,
      by: staff ? 'agent' : 'customer',
      statusAfter: input.statusAfter,
      authorKind: staff ? 'agent' : 'customer',
      authorName: actor.name || actor.username,
      bodyHtml,
      direction: input.direction,
      cc: input.cc,
      bcc: staff ? input.bcc : [],
      attachmentIds: input.attachmentIds,
    });
    if (staff && input.kind === 'reply' && (await queueReplyMail(tx, ticket, message.id)))
      message.deliveryStatus = 'queued';
    const [out] = await toMessages(tx, [message], { staff });
    return out;
  });
}
