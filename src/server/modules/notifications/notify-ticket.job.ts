import { sql } from 'drizzle-orm';
import { idArray } from '../../platform/db/sql-ids';
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
import { noticeText, type NoticeText, type TextFacts } from './texts';
import { writeNotices, type DeliveryRowIn, type NoticeRow, type WrittenDelivery } from './write-notices';
import { sealPayload } from './payload';
import { jobCtx } from './job-ctx';
import { isWorkingInstant, nextWorkingStart, workCalendarFor } from '../calendars';
import { siteOf } from '../workspaces';

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
    publicUrl: await siteOf(ctx),
  };
  // The seed-004 filter is about who caused it: a customer (their id) or a guest (no id).
  const byCustomer = !actor || actor.role === 'customer';
  const senderId = actor?.role === 'customer' ? actor.id : null;

  const inApp: NoticeRow[] = [];
  const outs: DeliveryRowIn[] = [];
  const now = deps.clock.now();
  // Everyone of a language and role reads the same text: made and sealed once per notice, not per person.
  const memo = new Map<string, { text: NoticeText; sealed: Map<TChannel, string> }>();
  const textOf = (ni: number, locale: Person['locale'], reader: 'staff' | 'member' | 'guest') => {
    const key = `${ni}:${locale}:${reader}`;
    let m = memo.get(key);
    if (!m) memo.set(key, (m = { text: noticeText(notices[ni], locale, facts, reader), sealed: new Map() }));
    return m;
  };
  const out = (
    ni: number,
    m: ReturnType<typeof textOf>,
    c: TChannel,
    p: Person,
    userId: number | null,
  ): DeliveryRowIn => {
    const base = { userId, event: notices[ni].event, channel: c };
    const to = addressOf(c, p);
    if (c !== 'push' && !to) return { ...base, to, status: 'skipped', reason: 'no_address', sealedPayload: null };
    let sealed = m.sealed.get(c);
    if (!sealed) m.sealed.set(c, (sealed = sealPayload(deps, payloadOf(c, p.locale, m.text, ticket))));
    return { ...base, to, status: 'queued', reason: null, sealedPayload: sealed };
  };
  notices.forEach((n, ni) => {
    for (const id of new Set(n.people)) {
      const p = people.get(id);
      // The actor is never told of what they did — but the requester who opened it gets the acknowledgement.
      if (!p || (id === actorId && !n.ack) || muted.has(id)) continue;
      if ((n.audience === 'staff') !== (p.role !== 'customer')) continue;
      const s = settings.get(id)!;
      if (!s.events[n.event]) continue;
      const filtered = n.audience === 'staff' && byCustomer && !passesFilter(s, senderId);
      const channels = wanted(n, p, s.channels, sms.customerStatusSms, pushers.has(id));
      if (filtered) {
        for (const c of channels)
          outs.push({
            userId: id,
            event: n.event,
            channel: c,
            to: addressOf(c, p),
            status: 'skipped',
            reason: 'filter',
            sealedPayload: null,
          });
        continue;
      }
      const m = textOf(ni, p.locale, n.audience === 'staff' ? 'staff' : 'member');
      inApp.push({ userId: id, event: n.event, title: m.text.title, body: m.text.body });
      for (const c of channels) outs.push(out(ni, m, c, p, id));
    }
    if (n.guestEmail && !n.noEmail) {
      const guest: Person = {
        id: 0,
        role: 'customer',
        name: ticket.guestName ?? '',
        email: n.guestEmail,
        mobile: null,
        locale: ws.defaultLocale,
      };
      outs.push(out(ni, textOf(ni, ws.defaultLocale, 'guest'), 'email', guest, null));
    }
  });
  if (!inApp.length && !outs.length) return;
  await withTx(ctx, async (tx) => {
    const { notified, written } = await writeNotices(tx, ticket, actorId, now, inApp, outs);
    const queued = written.filter((w) => w.status === 'queued');
    // E3: people who asked for working hours only get their e-mail, SMS and push when work starts.
    const waits = (w: WrittenDelivery) => w.userId !== null && !!settings.get(w.userId)?.workingHoursOnly;
    const waitUntil = await quietUntil(tx, ticket.departmentId, now, [
      ...new Set(queued.filter(waits).map((w) => w.userId!)),
    ]);
    const item = (w: WrittenDelivery) => ({ id: w.id, channel: w.channel as TChannel });
    await queueDeliveries(tx, queued.filter((w) => waitUntil === null || !waits(w)).map(item));
    if (waitUntil) await queueDeliveries(tx, queued.filter(waits).map(item), { startAfter: waitUntil });
    await announceBell(tx, ticket.number, notified);
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

function payloadOf(c: TChannel, locale: Person['locale'], text: NoticeText, ticket: NoticeTicket): DeliveryPayload {
  const number = ticket.number;
  if (c === 'email')
    return {
      kind: 'email',
      locale,
      subject: text.title,
      text: text.body,
      url: text.url,
      number,
      departmentId: ticket.departmentId,
    };
  if (c === 'sms') return { kind: 'sms', text: text.sms };
  return { kind: 'push', title: text.title, body: text.body, url: text.url, tag: `ticket-${number}` };
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
