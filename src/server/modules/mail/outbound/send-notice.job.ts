import { and, eq } from 'drizzle-orm';
import { tickets } from '../../../../db/schema';
import type { AppDeps, Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { t, type Locale } from '../../../platform/i18n';
import { getSettings } from '../../settings';
import { systemCtx } from '../intake/system-ctx';
import { refusedLines, type RefusedMailFile } from '../intake/mail-attachments';
import { composeNotice } from './compose';
import { newMessageId } from './send-reply.job';
import { senderFor } from './sender';

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

export type NoticeJob = RefusedNoticeJob | LockedNoticeJob;

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

/** The `mail.notice` handler; a failure is retried by the queue. */
export const runNoticeJob = (deps: AppDeps) => async (data: NoticeJob) => {
  const ctx = systemCtx(deps, Number(data.workspaceId), 'job:mail-notice');
  const [ticket] = await ctx.db
    .select({ number: tickets.number, subject: tickets.subject, departmentId: tickets.departmentId })
    .from(tickets)
    .where(and(inWorkspace(tickets, ctx), eq(tickets.id, Number(data.ticketId))));
  if (!ticket) return;
  const locale = data.locale ?? (await getSettings(ctx)).defaultLocale;
  const sender = await senderFor(ctx, ticket.departmentId);
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
        messageId: newMessageId(sender.address, deps.clock.now()),
        inReplyTo: data.inReplyTo,
      }),
    );
  } finally {
    sender.mailer.close?.();
  }
};
