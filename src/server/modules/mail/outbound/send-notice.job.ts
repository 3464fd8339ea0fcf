import { and, eq } from 'drizzle-orm';
import { tickets } from '../../../../db/schema';
import type { AppDeps, Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { t, type Locale } from '../../../platform/i18n';
import { getSettings } from '../../settings';
import { systemCtx } from '../intake/system-ctx';
import { refusedLines, type RefusedMailFile } from '../intake/mail-attachments';
import { composeNotice } from './compose';
import { newMessageId, nextAttemptDelayMs } from './send-reply.job';
import { domainOf, senderFor } from './sender';

export const NOTICE_QUEUE = 'mail.notice';

/** The answer to a sender whose attachments intake did not keep (F2). */
export interface RefusedNoticeJob {
  kind?: 'refused';
  workspaceId: number;
  ticketId: number;
  to: string;
  locale: Locale | null;
  /** The incoming mail's Message-ID (no brackets), so the answer threads under it. */
  inReplyTo: string | null;
  refused: RefusedMailFile[];
  maxMb: number;
}

/** The answer to a sender whose mail answers a locked ticket (C4): kept, not added. */
export interface LockedNoticeJob {
  kind: 'locked';
  workspaceId: number;
  ticketId: number;
  to: string;
  locale: Locale | null;
  inReplyTo: string | null;
}

/** Set on later attempts: the Message-ID's local part (fixed by the first) and the attempt's number. */
interface NoticeAttempt {
  key?: string;
  attempt?: number;
}

export type NoticeJob = (RefusedNoticeJob | LockedNoticeJob) & NoticeAttempt;

/** Queued in intake's transaction: the answer exists only if the mail was taken in. */
export function queueRefusedNotice(tx: Ctx, job: Omit<RefusedNoticeJob, 'workspaceId' | 'kind'>) {
  return tx.deps.jobs.send<NoticeJob>(
    NOTICE_QUEUE,
    { kind: 'refused', workspaceId: tx.workspaceId, ...job },
    { executor: tx.db },
  );
}

/** Queued with the mail's quarantine record: one answer per mail. */
export function queueLockedNotice(tx: Ctx, job: Omit<LockedNoticeJob, 'workspaceId' | 'kind'>) {
  return tx.deps.jobs.send<NoticeJob>(
    NOTICE_QUEUE,
    { kind: 'locked', workspaceId: tx.workspaceId, ...job },
    { executor: tx.db },
  );
}

/** The text, in the sender's language (a guest gets the workspace's). */
export function refusedNoticeText(locale: Locale, number: number, refused: RefusedMailFile[], maxMb: number): string {
  const lines = refusedLines(locale, refused, maxMb);
  return [
    t(locale, 'mail.notice.refused_intro', { number }),
    lines.map((l) => `- ${l}`).join('\n'),
    t(locale, 'mail.notice.refused_outro', { max: maxMb }),
  ].join('\n\n');
}

/** Attempts at a notice before it is given up (a 5xx answer gives up at once). */
export const NOTICE_ATTEMPTS = 5;

/**
 * The `mail.notice` handler. A notice has no row of its own to claim, so its Message-ID is
 * fixed by the first job (`key`, from that job's id) and carried to every later attempt: a
 * worker that dies after the SMTP answer leaves a retry that sends the very same mail, which
 * receivers deduplicating by Message-ID show once. A temporary failure queues the next attempt
 * with the same backoff as replies; a permanent one is logged and dropped.
 */
export const runNoticeJob = (deps: AppDeps) => async (data: NoticeJob, job?: { id: string }) => {
  const ctx = systemCtx(deps, Number(data.workspaceId), 'job:mail-notice');
  const [ticket] = await ctx.db
    .select({ number: tickets.number, subject: tickets.subject, departmentId: tickets.departmentId })
    .from(tickets)
    .where(and(inWorkspace(tickets, ctx), eq(tickets.id, Number(data.ticketId))));
  if (!ticket) return;
  const locale = data.locale ?? (await getSettings(ctx)).defaultLocale;
  const sender = await senderFor(ctx, ticket.departmentId);
  const key = data.key ?? (job ? `n${job.id.replace(/-/g, '')}` : null);
  const attempt = data.attempt ?? 1;
  try {
    await sender.mailer.send(
      composeNotice({
        number: ticket.number,
        subject: ticket.subject,
        from: sender.from,
        to: data.to,
        text:
          data.kind === 'locked'
            ? [t(locale, 'mail.notice.locked', { number: ticket.number }), t(locale, 'mail.notice.automatic')].join(
                '\n\n',
              )
            : refusedNoticeText(locale, ticket.number, data.refused, data.maxMb),
        messageId: key ? `${key}@${domainOf(sender.address)}` : newMessageId(sender.address, deps.clock.now()),
        inReplyTo: data.inReplyTo,
      }),
    );
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    const final = permanent || attempt >= NOTICE_ATTEMPTS;
    deps.log.warn(
      { workspaceId: data.workspaceId, ticketId: data.ticketId, attempt, final, error: err.message?.slice(0, 300) },
      'notice mail not delivered',
    );
    if (final) return;
    await deps.jobs.send<NoticeJob>(
      NOTICE_QUEUE,
      { ...data, key: key ?? undefined, attempt: attempt + 1 },
      { startAfter: Math.ceil(nextAttemptDelayMs(attempt) / 1000) },
    );
  }
};
