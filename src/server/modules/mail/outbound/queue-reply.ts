import { and, eq, isNull } from 'drizzle-orm';
import { messages, users } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { runPrepared } from '../../../platform/db/prepared';
import { inWorkspace } from '../../../platform/db/scope';
import type { TicketRow } from '../../tickets';

export const REPLY_QUEUE = 'mail.reply';
export interface ReplyJob {
  workspaceId: number;
  messageId: number;
}

/** The requester's address and language: the customer's current e-mail, or the guest's. */
export async function recipientOf(ctx: Ctx, ticket: Pick<TicketRow, 'requesterId' | 'guestEmail' | 'guestName'>) {
  if (ticket.requesterId === null)
    return ticket.guestEmail
      ? { email: ticket.guestEmail, name: ticket.guestName ?? '', locale: null, member: false }
      : null;
  const [u] = await runPrepared(
    ctx.db
      .select({ email: users.email, name: users.name, locale: users.locale })
      .from(users)
      .where(
        inWorkspace(users, ctx, eq(users.id, ticket.requesterId), eq(users.role, 'customer'), isNull(users.deletedAt)),
      ),
  );
  return u?.email ? { email: u.email, name: u.name, locale: u.locale, member: true } : null;
}

/**
 * F3: an agent's reply goes to the requester by mail. Called in the reply's transaction: the
 * message is marked `queued` and the `mail.reply` job exists only if the reply commits.
 * Internal tickets and requesters without an address are not mailed.
 */
export async function queueReplyMail(tx: Ctx, ticket: TicketRow, messageId: number): Promise<boolean> {
  if (!(await mailsReplies(tx, ticket))) return false;
  await tx.db
    .update(messages)
    .set({ deliveryStatus: 'queued' })
    .where(and(inWorkspace(messages, tx), eq(messages.id, messageId)));
  await queueReplyJob(tx, messageId);
  return true;
}

/** Whether a staff reply on this ticket goes out by mail: not internal, and the requester has an address. */
export async function mailsReplies(tx: Ctx, ticket: TicketRow): Promise<boolean> {
  return !ticket.internal && !!(await recipientOf(tx, ticket));
}

/**
 * The `mail.reply` job of a message the caller stored as `queued` (`mailsReplies` said so), in
 * its transaction — collected by `tx.outbox` when the writer has one.
 */
export async function queueReplyJob(tx: Ctx, messageId: number): Promise<void> {
  const job: ReplyJob = { workspaceId: tx.workspaceId, messageId };
  if (tx.outbox) tx.outbox.jobs.push({ name: REPLY_QUEUE, data: job });
  else await tx.deps.jobs.send<ReplyJob>(REPLY_QUEUE, job, { executor: tx.db });
}
