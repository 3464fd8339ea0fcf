import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { files, messages, tickets } from '../../../../db/schema';
import type { AppDeps, Ctx } from '../../../platform/context';
import { randomToken } from '../../../platform/crypto';
import { inWorkspace } from '../../../platform/db/scope';
import { t } from '../../../platform/i18n';
import type { MailAttachment } from '../../../platform/mailer';
import { getSettings } from '../../settings';
import { TICKET_COLUMNS, type TicketRow, notifyLive } from '../../tickets';
import { systemCtx } from '../intake/system-ctx';
import { composeReply } from './compose';
import { recipientOf, type ReplyJob } from './queue-reply';
import { domainOf, senderFor } from './sender';

/** Attempts before a reply is marked failed (the queue allows more; this count decides). */
export const MAX_ATTEMPTS = 5;

export type DeliveryResult = 'sent' | 'failed' | 'retry' | 'skipped';

/** A new Message-ID for mail we send: unguessable, and under the sending address's domain. */
export const newMessageId = (address: string, now: Date) =>
  `${now.getTime().toString(36)}.${randomToken(12)}@${domainOf(address)}`;

/** The `mail.reply` handler: throws while another attempt should follow (pg-boss retries it). */
export const runReplyJob = (deps: AppDeps) => async (data: ReplyJob) => {
  const r = await deliverReply(deps, { workspaceId: Number(data.workspaceId), messageId: Number(data.messageId) });
  if (r.result === 'retry') throw new Error(`reply mail not delivered yet: ${r.error}`);
};

/**
 * One attempt to mail a reply (F3, C15) through the department's SMTP account (or the system
 * account): to the requester with the message's Cc and Bcc, its attachments, `[#n]` in the
 * subject and the thread's headers. The Message-ID is stored before sending, so a retry sends
 * the same id and a customer's answer threads either way. The outcome is written on the
 * message (`delivery_*`) and announced to live screens.
 */
export async function deliverReply(deps: AppDeps, job: ReplyJob): Promise<{ result: DeliveryResult; error?: string }> {
  const ctx = systemCtx(deps, job.workspaceId, 'job:mail-reply');
  const [row] = await ctx.db
    .select({ message: messages, ticket: TICKET_COLUMNS })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(and(inWorkspace(messages, ctx), eq(messages.id, job.messageId)));
  if (
    !row ||
    row.message.kind !== 'reply' ||
    row.message.deliveryStatus === 'sent' ||
    row.message.deliveryStatus === 'failed'
  )
    return { result: 'skipped' };
  const ticket = row.ticket as TicketRow;
  let message = row.message;
  const to = await recipientOf(ctx, ticket);
  if (!to) return finish(ctx, ticket, message, 'failed', 'The requester has no e-mail address.');

  const sender = await senderFor(ctx, ticket.departmentId);
  try {
    if (!message.emailMessageId) {
      const [fresh] = await ctx.db
        .update(messages)
        .set({ emailMessageId: newMessageId(sender.address, deps.clock.now()) })
        .where(and(inWorkspace(messages, ctx), eq(messages.id, message.id), isNull(messages.emailMessageId)))
        .returning();
      if (fresh) message = fresh;
    }
    const locale = to.locale === 'en' || to.locale === 'fa' ? to.locale : (await getSettings(ctx)).defaultLocale;
    const footer = to.member
      ? t(locale, 'mail.outbound.footer_member', {
          number: ticket.number,
          url: `${deps.config.publicUrl}/portal/tickets/${ticket.number}`,
        })
      : t(locale, 'mail.outbound.footer_guest', { number: ticket.number });
    const earlier = await earlierMail(ctx, ticket.id, message.id);
    const mail = composeReply({
      number: ticket.number,
      subject: ticket.subject,
      from: sender.from,
      to: to.email,
      cc: message.cc,
      bcc: message.bcc,
      bodyHtml: message.bodyHtml,
      footer,
      messageId: message.emailMessageId!,
      thread: earlier.ids,
      attachments: await attachmentStreams(ctx, message.id),
      dir: message.direction,
      opening: earlier.none,
    });
    await sender.mailer.send(mail);
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    const error = (err.message || String(e)).replace(/\s+/g, ' ').slice(0, 500);
    // A 5xx answer (unknown recipient, refused sender) will not change on a retry.
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    const final = permanent || message.deliveryAttempts + 1 >= MAX_ATTEMPTS;
    deps.log.warn(
      { workspaceId: job.workspaceId, messageId: message.id, via: sender.via, error, final },
      'reply mail not delivered',
    );
    return finish(ctx, ticket, message, final ? 'failed' : 'queued', error);
  } finally {
    sender.mailer.close?.();
  }
  return finish(ctx, ticket, message, 'sent', null);
}

async function finish(
  ctx: Ctx,
  ticket: TicketRow,
  message: typeof messages.$inferSelect,
  status: 'sent' | 'failed' | 'queued',
  error: string | null,
) {
  await ctx.db
    .update(messages)
    .set({
      deliveryStatus: status,
      deliveryError: error,
      deliveryAttempts: message.deliveryAttempts + 1,
      deliveryAt: ctx.deps.clock.now(),
    })
    .where(and(inWorkspace(messages, ctx), eq(messages.id, message.id)));
  await notifyLive(ctx, ticket, 'message.delivery', { kind: 'reply', messageId: message.id });
  const result: DeliveryResult = status === 'queued' ? 'retry' : status;
  return error ? { result, error } : { result };
}

/**
 * What came before this message on the ticket, in one index range: whether anything did (an
 * opening message gets no "Re:"), and the Message-IDs of earlier mails in and out, oldest first.
 */
async function earlierMail(ctx: Ctx, ticketId: number, beforeId: number): Promise<{ none: boolean; ids: string[] }> {
  const rows = await ctx.db
    .select({ kind: messages.kind, mid: messages.emailMessageId })
    .from(messages)
    .where(and(inWorkspace(messages, ctx), eq(messages.ticketId, ticketId), lt(messages.id, beforeId)))
    .orderBy(asc(messages.id))
    .limit(2000);
  return { none: rows.length === 0, ids: rows.flatMap((r) => (r.kind === 'reply' && r.mid ? [r.mid] : [])) };
}

/** The message's files, streamed from storage into the mail. */
async function attachmentStreams(ctx: Ctx, messageId: number): Promise<MailAttachment[]> {
  const rows = await ctx.db
    .select({ key: files.storageKey, name: files.name, contentType: files.contentType })
    .from(files)
    .where(inWorkspace(files, ctx, eq(files.messageId, messageId)))
    .orderBy(asc(files.id));
  return Promise.all(
    rows.map(async (f) => ({
      filename: f.name,
      contentType: f.contentType,
      content: await ctx.deps.storage.get(f.key),
    })),
  );
}
