import { sql } from 'drizzle-orm';
import { idArray } from './sql-ids';
import { deliveries, notifications } from '../../../db/schema';
import type { TChannel } from '../../../contracts/notifications';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { htmlToText } from '../../platform/html';
import { t } from '../../platform/i18n';
import { getSettings } from '../settings';
import type { TicketNotification } from '../tickets';
import { queueDeliveries } from './deliver.job';
import type { DeliveryPayload } from './delivery-types';
import { announceBell } from './bell';
import {
  noticesFor,
  loadTicket,
  peopleOf,
  participantsOf,
  type Notice,
  type NoticeTicket,
  type Person,
} from './recipients';
import { passesFilter, settingsOf } from './settings.repo';
import { smsSettingsOf } from './sms-settings';
import { noticeText, type TextFacts } from './texts';
import { sealPayload } from './payload';
import { jobCtx } from './job-ctx';
import { isWorkingInstant, nextWorkingStart, workCalendarFor } from '../calendars';

type NewDelivery = typeof deliveries.$inferInsert & { payload?: DeliveryPayload };

/**
 * The `notify.ticket` handler (issue 15): one ticket change → who is told (recipients.ts) →
 * each person's events, filter and channels → in-app notifications and one delivery per
 * channel, written in one transaction with the jobs that send them (in chunks: a fan-out to
 * 200 agents is a few jobs, not 600). A retried job writes nothing twice: it all commits or not.
 */
export const notifyTicket = (deps: AppDeps) => async (job: TicketNotification) => {
  const ctx = jobCtx(deps, Number(job.workspaceId), 'job:notify');
  const ticket = await loadTicket(ctx, Number(job.ticketId));
  if (!ticket || ticket.deleted) return;
  const actorId = job.actorId == null ? null : Number(job.actorId);
  const actor = actorId ? ((await peopleOf(ctx, [actorId])).get(actorId) ?? null) : null;
  // Followers and who muted the ticket: one query, for who is told and who is not.
  const { followers, muted } = await participantsOf(ctx, ticket.id);
  const notices = (await noticesFor(ctx, job, ticket, actor, followers)).filter((n) => n.people.length || n.guestEmail);
  if (!notices.length) return;
  const people = await peopleOf(
    ctx,
    notices.flatMap((n) => n.people),
  );
  const settings = await settingsOf(
    ctx,
    [...people.values()].map((p) => ({ id: p.id, role: p.role })),
  );
  const sms = await smsSettingsOf(ctx);
  const pushers = await withPush(ctx, [...people.keys()]);
  const ws = await getSettings(ctx);
  const facts: TextFacts = {
    ticket,
    sender:
      actor?.name ??
      (actorId === null && ticket.guestName ? ticket.guestName : t(ws.defaultLocale, 'notify.sender.system')),
    excerpt: await excerptOf(ctx, job),
    workspace: ws.title,
    publicUrl: deps.config.publicUrl,
  };
  // The seed-004 filter is about who caused it: a customer (their id) or a guest (no id).
  const byCustomer = !actor || actor.role === 'customer';
  const senderId = actor?.role === 'customer' ? actor.id : null;

  const inApp: (typeof notifications.$inferInsert)[] = [];
  const outs: { notice: number; user: number | null; d: NewDelivery }[] = [];
  const now = deps.clock.now();
  notices.forEach((n, ni) => {
    for (const id of new Set(n.people)) {
      const p = people.get(id);
      // The actor is never told of what they did — but the requester who opened it gets the acknowledgement.
      if (!p || (id === actorId && !n.ack) || muted.has(id)) continue;
      if ((n.audience === 'staff') !== (p.role !== 'customer')) continue;
      const s = settings.get(id)!;
      if (!s.events[n.event]) continue;
      const text = noticeText(n, p.locale, facts, n.audience === 'staff' ? 'staff' : 'member');
      const base = {
        workspaceId: ctx.workspaceId,
        userId: id,
        event: n.event,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        createdAt: now,
      };
      const filtered = n.audience === 'staff' && byCustomer && !passesFilter(s, senderId);
      const channels = wanted(n, p, s.channels, sms.customerStatusSms, pushers.has(id));
      if (filtered) {
        for (const c of channels)
          outs.push({
            notice: ni,
            user: id,
            d: { ...base, channel: c, to: addressOf(c, p), status: 'skipped', reason: 'filter' },
          });
        continue;
      }
      inApp.push({ ...base, title: text.title, body: text.body, actorId });
      for (const c of channels) outs.push({ notice: ni, user: id, d: delivery(base, c, p, text, ticket) });
    }
    if (n.guestEmail && !n.noEmail) {
      const text = noticeText(n, ws.defaultLocale, facts, 'guest');
      const base = {
        workspaceId: ctx.workspaceId,
        userId: null,
        event: n.event,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        createdAt: now,
      };
      const guest: Person = {
        id: 0,
        role: 'customer',
        name: ticket.guestName ?? '',
        email: n.guestEmail,
        mobile: null,
        locale: ws.defaultLocale,
      };
      outs.push({ notice: ni, user: null, d: delivery(base, 'email', guest, text, ticket) });
    }
  });
  if (!inApp.length && !outs.length) return;
  await withTx(ctx, async (tx) => {
    const made = inApp.length
      ? await tx.db
          .insert(notifications)
          .values(inApp)
          .returning({ id: notifications.id, userId: notifications.userId, event: notifications.event })
      : [];
    const noteOf = new Map(made.map((m) => [`${m.userId}:${m.event}`, m.id]));
    const rows = outs.map(({ d }) => {
      const { payload, ...row } = d;
      return {
        ...row,
        notificationId: row.userId ? (noteOf.get(`${row.userId}:${row.event}`) ?? null) : null,
        sealedPayload: payload ? sealPayload(deps, payload) : null,
      };
    });
    const written = rows.length
      ? await tx.db.insert(deliveries).values(rows).returning({
          id: deliveries.id,
          channel: deliveries.channel,
          status: deliveries.status,
          userId: deliveries.userId,
        })
      : [];
    const queued = written.filter((w) => w.status === 'queued');
    // E3: people who asked for working hours only get their e-mail, SMS and push when work starts.
    const waitUntil = await quietUntil(tx, ticket.departmentId, now, [
      ...new Set(
        queued.filter((w) => w.userId && settings.get(Number(w.userId))?.workingHoursOnly).map((w) => Number(w.userId)),
      ),
    ]);
    const item = (w: (typeof queued)[number]) => ({ id: Number(w.id), channel: w.channel as TChannel });
    const waits = (w: (typeof queued)[number]) =>
      waitUntil !== null && w.userId !== null && settings.get(Number(w.userId))!.workingHoursOnly;
    await queueDeliveries(tx, queued.filter((w) => !waits(w)).map(item));
    if (waitUntil) await queueDeliveries(tx, queued.filter(waits).map(item), { startAfter: waitUntil });
    await announceBell(tx, ticket.number, [...new Set(made.map((m) => Number(m.userId)))]);
  });
};

/**
 * When the deliveries of people who want working hours only may go: null when it is working
 * time now (or nobody asked), else the next working minute of the ticket's department's calendar.
 */
async function quietUntil(ctx: Ctx, departmentId: number, now: Date, people: number[]): Promise<Date | null> {
  if (!people.length) return null;
  const cal = await workCalendarFor(ctx, { departmentId });
  return isWorkingInstant(cal, now) ? null : nextWorkingStart(cal, now);
}

/** The channels a person gets a delivery on for this notice. */
function wanted(
  n: Notice,
  p: Person,
  on: { email: boolean; sms: boolean; push: boolean },
  customerStatusSms: boolean,
  hasPush: boolean,
): TChannel[] {
  const out: TChannel[] = [];
  if (on.email && !n.noEmail) out.push('email');
  // Customers get SMS for status changes only, and only when the workspace sends them (G3).
  if (on.sms && (p.role !== 'customer' || (n.event === 'statusChanged' && customerStatusSms))) out.push('sms');
  if (on.push && hasPush) out.push('push');
  return out;
}

function addressOf(c: TChannel, p: Person): string {
  if (c === 'email') return p.email ?? '';
  if (c === 'sms') return p.mobile ?? '';
  return '';
}

function delivery(
  base: Omit<NewDelivery, 'channel' | 'to' | 'status'>,
  c: TChannel,
  p: Person,
  text: ReturnType<typeof noticeText>,
  ticket: NoticeTicket,
): NewDelivery {
  const number = ticket.number;
  const to = addressOf(c, p);
  if (c !== 'push' && !to) return { ...base, channel: c, to, status: 'skipped', reason: 'no_address' };
  const payload: DeliveryPayload =
    c === 'email'
      ? {
          kind: 'email',
          locale: p.locale,
          subject: text.title,
          text: text.body,
          url: text.url,
          number,
          departmentId: ticket.departmentId,
        }
      : c === 'sms'
        ? { kind: 'sms', text: text.sms }
        : { kind: 'push', title: text.title, body: text.body, url: text.url, tag: `ticket-${number}` };
  return { ...base, channel: c, to, status: 'queued', payload };
}

/** People with at least one push subscription. */
async function withPush(ctx: Ctx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await queryRows<{ user_id: string }>(
    ctx.db,
    sql`select distinct user_id from push_subscriptions where workspace_id = ${ctx.workspaceId} and user_id = any(${idArray(ids)})`,
  );
  return new Set(rows.map((r) => Number(r.user_id)));
}

/** The start of the message that caused it, as plain text. */
async function excerptOf(ctx: Ctx, job: TicketNotification): Promise<string> {
  if (!job.messageId) return '';
  const [m] = await queryRows<{ body_html: string }>(
    ctx.db,
    sql`select left(body_html, 2000) as body_html from messages where workspace_id = ${ctx.workspaceId} and id = ${Number(job.messageId)}`,
  );
  return m ? htmlToText(m.body_html).replace(/\s+/g, ' ').trim() : '';
}
