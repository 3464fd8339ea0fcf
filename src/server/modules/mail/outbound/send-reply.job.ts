import { lazyStream } from '../../../platform/lazy-stream';
import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
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
import { recipientOf, REPLY_QUEUE, type ReplyJob } from './queue-reply';
import { domainOf, senderFor } from './sender';
import { siteOf } from '../../workspaces';

/** Attempts before a reply is marked failed (each claim counts one). */
export const MAX_ATTEMPTS = 5;

/**
 * A `sending` claim older than this belongs to an attempt that died (its worker was killed, or
 * it crashed between the SMTP answer and recording it): whether the mail left is unknown. The
 * reply is then sent again with the SAME Message-ID, so receivers that deduplicate by
 * Message-ID show it once, and threading holds either way. A send is bounded well below it by
 * the SMTP timeouts (`SMTP_TIMEOUT_MS`, per step).
 */
export const UNCERTAIN_AFTER_MS = 60_000;

export type DeliveryResult = 'sent' | 'failed' | 'retry' | 'skipped' | 'busy';
export interface Delivery {
  result: DeliveryResult;
  error?: string;
  /** For 'retry' and 'busy': when the next attempt should come. */
  retryInMs?: number;
}

/** A new Message-ID for mail we send: unguessable, and under the sending address's domain. */
export const newMessageId = (address: string, now: Date) =>
  `${now.getTime().toString(36)}.${randomToken(12)}@${domainOf(address)}`;

/** Delivery backoff after a temporary failure: 30 s, 1, 2, 4 min… (plus up to half again, spread). */
export const nextAttemptDelayMs = (attempts: number) =>
  30_000 * 2 ** Math.max(0, attempts - 1) * (1 + Math.random() / 2);

/**
 * The `mail.reply` handler. A temporary failure, or another attempt still in progress, queues
 * the next attempt itself (`startAfter`), so the queue's own retries — quick, 2–4 s — are left
 * for jobs whose worker died. Throws only when even that fails (the queue then retries it).
 */
export const runReplyJob = (deps: AppDeps) => async (data: ReplyJob) => {
  const job = { workspaceId: Number(data.workspaceId), messageId: Number(data.messageId) };
  const r = await deliverReply(deps, job);
  if (r.retryInMs !== undefined)
    await deps.jobs.send<ReplyJob>(REPLY_QUEUE, job, { startAfter: Math.ceil(r.retryInMs / 1000) });
};

/**
 * One attempt to mail a reply (F3, C15) through the department's SMTP account (or the system
 * account): to the requester with the message's Cc and Bcc, its attachments, `[#n]` in the
 * subject and the thread's headers.
 *
 * Exactly once, as far as a retry can tell: before anything is sent the message is claimed
 * — `queued` → `sending`, with the claim's time, the attempt counted and the Message-ID fixed —
 * by one conditional UPDATE, so of concurrent or repeated jobs only one sends. `sent` and
 * `failed` are final (a later job does nothing); a fresh `sending` answers 'busy' (try again
 * after `UNCERTAIN_AFTER_MS`); a stale one is uncertain and sent again with the same
 * Message-ID. The outcome is written on the message (`delivery_*`) and announced to live screens.
 */
export async function deliverReply(deps: AppDeps, job: ReplyJob): Promise<Delivery> {
  const ctx = systemCtx(deps, job.workspaceId, 'job:mail-reply');
  const [row] = await ctx.db
    .select({ message: messages, ticket: TICKET_COLUMNS })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(and(inWorkspace(messages, ctx), eq(messages.id, job.messageId)));
  if (!row || row.message.kind !== 'reply') return { result: 'skipped' };
  const now = deps.clock.now();
  const status = row.message.deliveryStatus;
  if (status === 'sending') {
    const age = now.getTime() - (row.message.deliveryAt?.getTime() ?? 0);
    if (age < UNCERTAIN_AFTER_MS) return { result: 'busy', retryInMs: UNCERTAIN_AFTER_MS - age + 1000 };
  } else if (status !== 'queued') return { result: 'skipped' };
  const ticket = row.ticket as TicketRow;
  const sender = await senderFor(ctx, ticket.departmentId);

  const claimed = await claim(ctx, job.messageId, newMessageId(sender.address, now));
  if (!claimed) return { result: 'skipped' }; // another attempt has it
  const message = claimed;
  if (status === 'sending')
    deps.log.warn(
      { workspaceId: job.workspaceId, messageId: message.id, attempts: message.deliveryAttempts },
      'reply mail: an earlier attempt ended without a record; sending again with the same Message-ID',
    );
  if (message.deliveryAttempts > MAX_ATTEMPTS)
    return finish(ctx, ticket, message, 'failed', 'Attempts ended without a known outcome.');
  const to = await recipientOf(ctx, ticket);
  if (!to) return finish(ctx, ticket, message, 'failed', 'The requester has no e-mail address.');

  try {
    const locale = to.locale === 'en' || to.locale === 'fa' ? to.locale : (await getSettings(ctx)).defaultLocale;
    const footer = to.member
      ? t(locale, 'mail.outbound.footer_member', {
          number: ticket.number,
          url: `${await siteOf(ctx)}/portal/tickets/${ticket.number}`,
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
    const final = permanent || message.deliveryAttempts >= MAX_ATTEMPTS;
    deps.log.warn(
      { workspaceId: job.workspaceId, messageId: message.id, via: sender.via, error, final },
      'reply mail not delivered',
    );
    return finish(ctx, ticket, message, final ? 'failed' : 'queued', error);
  }
  return finish(ctx, ticket, message, 'sent', null);
}

/**
 * `queued` (or a `sending` older than UNCERTAIN_AFTER_MS) → `sending`, in one statement: of
 * several attempts at the same moment exactly one gets the row. Counts the attempt and fixes
 * the Message-ID (kept when one exists, so every attempt sends the same).
 */
async function claim(ctx: Ctx, messageId: number, freshMessageId: string) {
  const now = ctx.deps.clock.now();
  const stale = new Date(now.getTime() - UNCERTAIN_AFTER_MS);
  const [row] = await ctx.db
    .update(messages)
    .set({
      deliveryStatus: 'sending',
      deliveryAt: now,
      deliveryAttempts: sql`${messages.deliveryAttempts} + 1`,
      emailMessageId: sql`coalesce(${messages.emailMessageId}, ${freshMessageId})`,
    })
    .where(
      and(
        inWorkspace(messages, ctx),
        eq(messages.id, messageId),
        or(
          eq(messages.deliveryStatus, 'queued'),
          and(eq(messages.deliveryStatus, 'sending'), lt(messages.deliveryAt, stale)),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

/** Records the attempt's outcome, unless a later attempt already recorded `sent`. */
async function finish(
  ctx: Ctx,
  ticket: TicketRow,
  message: typeof messages.$inferSelect,
  status: 'sent' | 'failed' | 'queued',
  error: string | null,
): Promise<Delivery> {
  await ctx.db
    .update(messages)
    .set({ deliveryStatus: status, deliveryError: error, deliveryAt: ctx.deps.clock.now() })
    .where(and(inWorkspace(messages, ctx), eq(messages.id, message.id), eq(messages.deliveryStatus, 'sending')));
  await notifyLive(ctx, ticket, 'message.delivery', { kind: 'reply', messageId: message.id });
  if (status === 'queued')
    return { result: 'retry', error: error!, retryInMs: nextAttemptDelayMs(message.deliveryAttempts) };
  return error ? { result: status, error } : { result: status };
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

/** The message's files, streamed from storage into the mail, each opened when its part is written. */
async function attachmentStreams(ctx: Ctx, messageId: number): Promise<MailAttachment[]> {
  const rows = await ctx.db
    .select({ key: files.storageKey, name: files.name, contentType: files.contentType })
    .from(files)
    .where(inWorkspace(files, ctx, eq(files.messageId, messageId)))
    .orderBy(asc(files.id));
  return rows.map((f) => ({
    filename: f.name,
    contentType: f.contentType,
    content: lazyStream(() => ctx.deps.storage.get(f.key)),
  }));
}
