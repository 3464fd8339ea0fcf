import { eq, isNull } from 'drizzle-orm';
import { users } from '../../../../db/schema';
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
 * F3: whether staff's replies on this ticket go to the requester by mail — not internal, and the
 * requester has an address. The writer then stores the message `queued` and calls `queueReplyJob`
 * in the same transaction: the job exists only if the reply commits.
 */
export async function mailsReplies(
  tx: Ctx,
  ticket: Pick<TicketRow, 'internal' | 'requesterId' | 'guestEmail' | 'guestName'>,
): Promise<boolean> {
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
