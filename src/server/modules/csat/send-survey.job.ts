import { desc, eq } from 'drizzle-orm';
import { csatSurveys, guestLinkMails, tickets, users } from '../../../db/schema';
import type { AppDeps, Ctx } from '../../platform/context';
import { withTx } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { t, type Locale } from '../../platform/i18n';
import { jobCtx } from '../../platform/job-ctx';
import { SMS_QUEUE, smsSealer, type SmsJob } from '../auth';
import { senderFor } from '../mail';
import { readSettings, type StoredSettings } from '../settings';
import { siteOf } from '../workspaces';
import { composeCsatMail } from './compose-csat-mail';
import type { CsatSendJob } from './csat-sink';
import { hashCsatToken } from './surveys.repo';

/** The closed ticket and whom to ask: its member requester, or the guest's e-mail. */
async function loadTicket(ctx: Ctx, ticketId: number) {
  const [row] = await ctx.db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      internal: tickets.internal,
      deletedAt: tickets.deletedAt,
      mergedIntoId: tickets.mergedIntoId,
      departmentId: tickets.departmentId,
      assigneeIds: tickets.assigneeIds,
      requesterId: tickets.requesterId,
      guestName: tickets.guestName,
      guestEmail: tickets.guestEmail,
      user: {
        name: users.name,
        username: users.username,
        email: users.email,
        mobile: users.mobile,
        locale: users.locale,
        active: users.active,
        deletedAt: users.deletedAt,
      },
    })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.requesterId))
    .where(inWorkspace(tickets, ctx, eq(tickets.id, ticketId)));
  return row ?? null;
}

/** A guest is written to in the language of its tracking-link mail, else the workspace's. */
async function guestLocale(ctx: Ctx, ticketId: number, s: StoredSettings): Promise<Locale> {
  const [m] = await ctx.db
    .select({ locale: guestLinkMails.locale })
    .from(guestLinkMails)
    .where(inWorkspace(guestLinkMails, ctx, eq(guestLinkMails.ticketId, ticketId)))
    .orderBy(desc(guestLinkMails.id))
    .limit(1);
  const l = m?.locale ?? s.defaultLocale;
  return l === 'en' ? 'en' : 'fa';
}

/**
 * `csat.send` (K5): makes the ticket's one survey and sends its link. Skipped when surveys were
 * turned off meanwhile, the ticket is no longer closed (reopened during the delay — its next
 * close queues again), was merged, or already has a survey (`csat_surveys_ticket_uq`). The row
 * (token kept as its sha256), the SMS job and the mail share a transaction: a failed send rolls
 * it all back and the job is retried; an address the server refuses for good (5xx) is logged and
 * the survey kept for the SMS. The token itself is never stored or logged.
 */
export const runCsatSend = (deps: AppDeps) => async (data: CsatSendJob) => {
  const ctx = jobCtx(deps, Number(data.workspaceId), 'job:csat-send');
  const settings = await readSettings(ctx.db, ctx.workspaceId);
  const { csat } = settings;
  if (!csat.enabled) return;
  const ticket = await loadTicket(ctx, Number(data.ticketId));
  if (!ticket || ticket.status !== 'closed' || ticket.deletedAt || ticket.mergedIntoId || ticket.internal) return;
  const member = ticket.requesterId !== null && ticket.user && !ticket.user.deletedAt && ticket.user.active;
  const email = member ? ticket.user!.email : ticket.requesterId === null ? ticket.guestEmail : null;
  const mobile = member ? ticket.user!.mobile : null;
  const byMail = csat.channels.includes('email') && !!email;
  const bySms = csat.channels.includes('sms') && !!mobile;
  if (!byMail && !bySms) return;
  const locale: Locale = member
    ? ticket.user!.locale === 'en'
      ? 'en'
      : 'fa'
    : await guestLocale(ctx, ticket.id, settings);
  const token = randomToken(32);
  const link = `${await siteOf(ctx)}/csat/${token}`;

  await withTx(ctx, async (tx) => {
    const [made] = await tx.db
      .insert(csatSurveys)
      .values({
        workspaceId: tx.workspaceId,
        ticketId: ticket.id,
        tokenHash: hashCsatToken(token),
        requesterId: ticket.requesterId,
        departmentId: ticket.departmentId,
        agentIds: ticket.assigneeIds,
        sentAt: tx.deps.clock.now(),
      })
      .onConflictDoNothing({ target: csatSurveys.ticketId })
      .returning({ id: csatSurveys.id });
    if (!made) return; // surveyed already (a repeated job)
    if (bySms) {
      const text = t(locale, 'sms.csat', { title: settings.title, number: ticket.number, url: link });
      const job: SmsJob = {
        workspaceId: tx.workspaceId,
        to: mobile!,
        sealedText: smsSealer(tx.deps.config.secretKey).seal(text),
        event: 'csat',
      };
      await tx.deps.jobs.send(SMS_QUEUE, job, { executor: tx.db });
    }
    if (byMail) await mailSurvey(tx, { ticket, email: email!, locale, title: settings.title, link });
  });
};

async function mailSurvey(
  ctx: Ctx,
  m: {
    ticket: NonNullable<Awaited<ReturnType<typeof loadTicket>>>;
    email: string;
    locale: Locale;
    title: string;
    link: string;
  },
) {
  const sender = await senderFor(ctx, m.ticket.departmentId);
  const name = m.ticket.requesterId !== null ? m.ticket.user?.name || '' : (m.ticket.guestName ?? '');
  try {
    await sender.mailer.send(
      composeCsatMail({
        locale: m.locale,
        title: m.title,
        number: m.ticket.number,
        subject: m.ticket.subject,
        name,
        from: sender.from,
        to: m.email,
        link: m.link,
      }),
    );
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    const error = (err.message || String(e)).replace(/\s+/g, ' ').slice(0, 500);
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    ctx.deps.log.warn(
      { workspaceId: ctx.workspaceId, ticketId: m.ticket.id, via: sender.via, error, permanent },
      'satisfaction survey mail not delivered',
    );
    if (!permanent) throw e; // rolled back: the job tries again
  }
}
