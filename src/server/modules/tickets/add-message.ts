import { eq } from 'drizzle-orm';
import type { TicketRef } from '../../../contracts/tickets';
import { users } from '../../../db/schema';
import type { TCreateMessage, TMessage } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { Conflict, Forbidden, InvalidField } from '../../platform/errors';
import { escapeHtml, hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { runPrepared } from '../../platform/db/prepared';
import { inWorkspace } from '../../platform/db/scope';
import { findVisibleTicket, isStaffActor } from './ticket-access';
import { mergedTarget } from './ticket-links';
import { threadOf, toMessages, type ThreadRow } from './message-mapper';
import { appendMessage, TicketLocked } from './write/append-message';
import { flushOutbox } from './ticket-events';
import { mailsReplies, queueReplyJob } from '../mail';

/** The writer's signature (A9) and avatar, in one lookup before the transaction. */
async function authorOf(ctx: Ctx): Promise<{ signature: string; avatarFileId: number | null }> {
  const [u] = await runPrepared(
    ctx.db
      .select({ signature: users.signature, avatarFileId: users.avatarFileId })
      .from(users)
      .where(inWorkspace(users, ctx, eq(users.id, ctx.actor!.id))),
  );
  return u ?? { signature: '', avatarFileId: null };
}

/** The signature appended to a reply as its own block. */
function withSignature(html: string, signature: string): string {
  const sig = signature.trim();
  if (!sig) return html;
  return `${html}<div dir="auto" class="signature">${escapeHtml(sig).replace(/\n/g, '<br>')}</div>`;
}

/**
 * A reply or an internal note (C9, C12, C14, C15, C16). A locked ticket takes nothing; a
 * reply to a closed ticket reopens it; a reply made while someone else wrote newer messages
 * is refused with those messages (409) unless `force`.
 *
 * Round trips are what a reply costs (bench/README.md, "A reply and a creation in fewer round
 * trips"): the input is checked and the author read before the transaction; in it the ticket is
 * read once, locked; the message is stored already `queued` when it goes out by mail; its jobs
 * (mail, notification, SLA check, triggers, webhooks) go in one insert, the event-log rows and
 * the live event in one statement (`tx.outbox`); and the answer is made from what was written.
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
  const actor = ctx.actor!;
  const staff = isStaffActor(actor);
  if (input.kind === 'note' && !staff) throw Forbidden('errors.notes_staff_only');
  if (staff && !can(actor, input.kind === 'note' ? 'tickets.note' : 'tickets.reply')) throw Forbidden();
  if (!staff && input.statusAfter) throw InvalidField('statusAfter', 'validation.staff_only');
  if (!staff && input.bcc.length) throw InvalidField('bcc', 'validation.staff_only');
  let bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  const author = await authorOf(ctx);
  const isReply = input.kind === 'reply';
  if (staff && isReply && input.signature) bodyHtml = withSignature(bodyHtml, author.signature);

  const own = !ctx.outbox;
  return withTx(own ? { ...ctx, outbox: { jobs: [], notifies: [], events: [] } } : ctx, async (tx) => {
    // Lock the ticket row: concurrent replies are applied one after the other.
    let ticket = await findVisibleTicket(tx, number, { forUpdate: true });
    // K9: a message to a merged ticket goes to the ticket it was merged into.
    if (ticket.mergedIntoId)
      ticket = await findVisibleTicket(tx, (await mergedTarget(tx, ticket)).number, { forUpdate: true });
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
    // F3: a staff reply goes to the requester by mail; the message is stored `queued`.
    const mailed = staff && isReply && (await mailsReplies(tx, ticket));
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
      ...(mailed ? { deliveryStatus: 'queued' as const } : {}),
    });
    if (mailed) await queueReplyJob(tx, message.id);
    if (own) await flushOutbox(tx);
    // Without uploads the answer needs nothing more than what was written and the author read.
    const written: ThreadRow | typeof message = input.attachmentIds.length
      ? message
      : { ...message, authorAvatarFileId: author.avatarFileId, files: [] };
    const [out] = await toMessages(tx, [written], { staff });
    return out;
  });
}
