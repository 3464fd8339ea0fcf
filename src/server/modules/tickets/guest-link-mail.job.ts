import { and, eq, lt, or, sql } from 'drizzle-orm';
import { guestLinkMails, tickets } from '../../../db/schema';
import type { AppDeps, Ctx } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import type { Locale } from '../../platform/i18n';
import { defineJob, type JobDefinition } from '../../platform/jobs';
import { senderFor, systemCtx } from '../mail';
import { getSettings } from '../settings';
import { composeGuestLink } from './compose-guest-link';
import { GUEST_LINK_QUEUE, guestLinkSealer, type GuestLinkJob } from './guest-link-mail';
import { codeMatches, presentableCode } from './tracking-code';
import { siteOf } from '../workspaces';

/**
 * Delivery as for replies (mail/outbound/send-reply.job.ts, whose values these repeat): attempts
 * before giving up, the age after which a `sending` claim is taken for a dead attempt, and the
 * backoff after a temporary failure (30 s, 1, 2, 4 min…, plus up to half again).
 */
export const MAX_ATTEMPTS = 5;
export const UNCERTAIN_AFTER_MS = 60_000;
const nextAttemptDelayMs = (attempts: number) => 30_000 * 2 ** Math.max(0, attempts - 1) * (1 + Math.random() / 2);
/** A Message-ID under the sending address's domain, unguessable. */
const newMessageId = (address: string, now: Date) =>
  `${now.getTime().toString(36)}.${randomToken(12)}@${address.split('@').pop()!.toLowerCase() || 'localhost'}`;

export interface Delivery {
  result: 'sent' | 'failed' | 'retry' | 'skipped' | 'busy';
  error?: string;
  /** For 'retry' and 'busy': when the next attempt should come. */
  retryInMs?: number;
}

/** Where a guest opens its ticket: the guest ticket page of the web app, with number and code. */
export const guestTicketLink = (publicUrl: string, number: number, code: string) =>
  `${publicUrl}/guest/tickets/${number}?code=${encodeURIComponent(code)}`;

/**
 * The queue's settings are outgoing mail's (mail/jobs.ts: batches of 20, ten at a time, polled
 * every second; a dead worker's job taken again 2–4 s after its 30 s expiry).
 */
export const guestLinkJob = (): JobDefinition =>
  defineJob<GuestLinkJob>({
    queue: GUEST_LINK_QUEUE,
    handler: runGuestLinkJob,
    options: { batchSize: 20, concurrency: 10, pollingIntervalSeconds: 1 },
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryBackoff: true, retryLimit: 10 },
  });

/**
 * The `mail.guest-link` handler, retried as replies are (`runReplyJob`): a temporary failure or
 * an attempt still at work queues the next attempt itself, with the same sealed code.
 */
export const runGuestLinkJob = (deps: AppDeps) => async (data: GuestLinkJob) => {
  const job = { workspaceId: Number(data.workspaceId), mailId: Number(data.mailId), sealedCode: data.sealedCode };
  const r = await deliverGuestLink(deps, job);
  if (r.retryInMs !== undefined)
    await deps.jobs.send<GuestLinkJob>(GUEST_LINK_QUEUE, job, { startAfter: Math.ceil(r.retryInMs / 1000) });
};

/**
 * One attempt to mail a guest its tracking link, exactly once as far as a retry can tell — the
 * same way as a reply (mail/outbound/send-reply.job.ts): the record is claimed `queued` → `sending` by one
 * conditional UPDATE that counts the attempt and fixes the Message-ID, so of concurrent or
 * repeated jobs only one sends; `sent` and `failed` are final; a fresh `sending` is 'busy'; a
 * stale one is sent again with the same Message-ID. The code is opened from the job only to be
 * written into the mail, and is never logged.
 */
export async function deliverGuestLink(deps: AppDeps, job: GuestLinkJob): Promise<Delivery> {
  const ctx = systemCtx(deps, job.workspaceId, 'job:mail-guest-link');
  const [row] = await ctx.db
    .select({
      mail: guestLinkMails,
      ticket: {
        number: tickets.number,
        subject: tickets.subject,
        departmentId: tickets.departmentId,
        requesterId: tickets.requesterId,
        guestName: tickets.guestName,
        guestEmail: tickets.guestEmail,
        trackingHash: tickets.trackingHash,
        deletedAt: tickets.deletedAt,
      },
    })
    .from(guestLinkMails)
    .innerJoin(tickets, eq(tickets.id, guestLinkMails.ticketId))
    .where(and(inWorkspace(guestLinkMails, ctx), eq(guestLinkMails.id, job.mailId)));
  if (!row) return { result: 'skipped' };
  const now = deps.clock.now();
  const status = row.mail.status;
  if (status === 'sending') {
    const age = now.getTime() - (row.mail.statusAt?.getTime() ?? 0);
    if (age < UNCERTAIN_AFTER_MS) return { result: 'busy', retryInMs: UNCERTAIN_AFTER_MS - age + 1000 };
  } else if (status !== 'queued') return { result: 'skipped' };
  const ticket = row.ticket;
  const sender = await senderFor(ctx, ticket.departmentId);

  const mail = await claim(ctx, job.mailId, newMessageId(sender.address, now));
  if (!mail) return { result: 'skipped' }; // another attempt has it
  if (status === 'sending')
    deps.log.warn(
      { workspaceId: job.workspaceId, guestLinkMailId: mail.id, attempts: mail.attempts },
      'guest link mail: an earlier attempt ended without a record; sending again with the same Message-ID',
    );
  if (mail.attempts > MAX_ATTEMPTS) return finish(ctx, mail.id, 'failed', 'Attempts ended without a known outcome.');
  const code = guestLinkSealer(deps.config.secretKey).open(job.sealedCode);
  // The ticket may have changed hands meanwhile: only its guest, with its own code, is mailed.
  if (ticket.requesterId !== null || ticket.deletedAt || !ticket.guestEmail || !codeMatches(code, ticket.trackingHash))
    return finish(ctx, mail.id, 'failed', 'The ticket no longer belongs to this guest.');

  try {
    const shown = presentableCode(code);
    const site = await siteOf(ctx);
    const message = composeGuestLink({
      locale: (mail.locale === 'en' ? 'en' : 'fa') satisfies Locale,
      reason: mail.reason === 'resent' ? 'resent' : 'created',
      title: (await getSettings(ctx)).title,
      number: ticket.number,
      subject: ticket.subject,
      name: ticket.guestName ?? '',
      from: sender.from,
      to: ticket.guestEmail,
      code: shown,
      link: guestTicketLink(site, ticket.number, shown),
      trackUrl: `${site}/guest/track`,
      messageId: mail.emailMessageId!,
    });
    await sender.mailer.send(message);
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    // The SMTP answer or the connection failure: it never holds the mail's text, so not the code.
    const error = (err.message || String(e)).replace(/\s+/g, ' ').slice(0, 500);
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    const final = permanent || mail.attempts >= MAX_ATTEMPTS;
    deps.log.warn(
      { workspaceId: job.workspaceId, guestLinkMailId: mail.id, via: sender.via, error, final },
      'guest link mail not delivered',
    );
    const r = await finish(ctx, mail.id, final ? 'failed' : 'queued', error);
    return final ? r : { ...r, result: 'retry', retryInMs: nextAttemptDelayMs(mail.attempts) };
  }
  return finish(ctx, mail.id, 'sent', null);
}

/** `queued` (or a stale `sending`) → `sending` in one statement; keeps an existing Message-ID. */
async function claim(ctx: Ctx, mailId: number, freshMessageId: string) {
  const now = ctx.deps.clock.now();
  const stale = new Date(now.getTime() - UNCERTAIN_AFTER_MS);
  const [row] = await ctx.db
    .update(guestLinkMails)
    .set({
      status: 'sending',
      statusAt: now,
      attempts: sql`${guestLinkMails.attempts} + 1`,
      emailMessageId: sql`coalesce(${guestLinkMails.emailMessageId}, ${freshMessageId})`,
    })
    .where(
      and(
        inWorkspace(guestLinkMails, ctx),
        eq(guestLinkMails.id, mailId),
        or(
          eq(guestLinkMails.status, 'queued'),
          and(eq(guestLinkMails.status, 'sending'), lt(guestLinkMails.statusAt, stale)),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

/** Records the attempt's outcome, unless a later attempt already recorded one. */
async function finish(
  ctx: Ctx,
  mailId: number,
  status: 'sent' | 'failed' | 'queued',
  error: string | null,
): Promise<Delivery> {
  await ctx.db
    .update(guestLinkMails)
    .set({ status, error, statusAt: ctx.deps.clock.now() })
    .where(and(inWorkspace(guestLinkMails, ctx), eq(guestLinkMails.id, mailId), eq(guestLinkMails.status, 'sending')));
  if (status === 'queued') return { result: 'retry', error: error! };
  return error ? { result: status, error } : { result: status };
}
