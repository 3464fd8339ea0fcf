import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestLinkMails, tickets } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { randomToken, sha256 } from '../../src/server/platform/crypto';
import { t as tr } from '../../src/server/platform/i18n';
import type { MailMessage } from '../../src/server/platform/mailer';
import { GUEST_LINK_QUEUE, type GuestLinkJob } from '../../src/server/modules/tickets/guest-link-mail';
import {
  deliverGuestLink,
  runGuestLinkJob,
  UNCERTAIN_AFTER_MS,
} from '../../src/server/modules/tickets/guest-link-mail.job';
import { Client, createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * Issue 14: a guest keeps its ticket. The number, the tracking code and the link are mailed in
 * the ticket's own transaction and sent once; "e-mail me again" needs the code, mails only the
 * ticket's own address, is limited and tells nothing about tickets a caller cannot open; new
 * codes are short and forgiving to type, and old ones keep working.
 */
let t: TestApp;
let w: TicketWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
}, 60_000);
afterAll(() => t.close());

const db = () => t.deps.database.db;
const NEW_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

// Guest limits count per address: each guest writes from its own.
let lastIp = 0;
function guest(lang: 'fa' | 'en' = 'en') {
  const ip = `10.1.${Math.floor(++lastIp / 200)}.${(lastIp % 200) + 1}`;
  const c = new Client(t, { slug: w.slug, lang });
  const extra = { remoteAddress: ip };
  return {
    get: (url: string) => c.get(url, extra),
    post: (url: string, body?: unknown) => c.post(url, body, extra),
  };
}
type Guest = ReturnType<typeof guest>;
async function create(g: Guest, over: Record<string, unknown> = {}) {
  const res = await g.post('public/tickets', {
    name: 'Sara Guest',
    email: `sara.${++lastIp}@example.com`,
    subject: 'Cannot log in',
    body: '<p>Help please</p>',
    departmentId: w.support.id,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: number; trackingCode: string };
}
async function ticketOf(number: number) {
  const [row] = await db()
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, number)));
  return row;
}
const mailRows = async (ticketId: number) =>
  db().select().from(guestLinkMails).where(eq(guestLinkMails.ticketId, ticketId)).orderBy(guestLinkMails.id);
const mailRow = async (id: number) => (await db().select().from(guestLinkMails).where(eq(guestLinkMails.id, id)))[0];
const jobOf = async (mailId: number) => {
  const rows = await queryRows<{ data: GuestLinkJob }>(
    db(),
    sql`select data from pgboss.job where name = ${GUEST_LINK_QUEUE} and (data->>'mailId')::bigint = ${mailId}`,
  );
  expect(rows).toHaveLength(1);
  return rows[0].data;
};
const mailsTo = (to: string) => t.mailer.sent.filter((m) => m.to === to);
const ungrouped = (code: string) => code.replace(/-/g, '');
const resend = (g: Guest, number: number | string, code: string) =>
  g.post(`public/tickets/${number}/resend-link`, { code });
const link = (number: number, code: string) =>
  `${t.deps.config.publicUrl}/guest/tickets/${number}?code=${encodeURIComponent(code)}`;

function expectLinkMail(m: MailMessage, number: number, code: string, lang: 'fa' | 'en') {
  for (const part of [m.text, m.html!]) {
    expect(part).toContain(code);
    expect(part).toContain(link(number, code).replace(/&/g, '&amp;'));
    expect(part).toContain(String(number));
    expect(part).toContain(tr(lang, 'mail.guest_link.code'));
  }
  expect(m.subject).toContain(`[#${number}]`);
  expect(m.html).toContain(`dir="${lang === 'fa' ? 'rtl' : 'ltr'}"`);
  expect(m.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Pishkhan-Ticket': String(number) });
  expect(m.messageId).toMatch(/^<.+@.+>$/);
}

describe('the tracking link mail after the guest form', () => {
  it('is queued with the ticket, holds number, grouped code and link in Persian, and is sent once', async () => {
    const g = guest('fa');
    const email = `nima.${lastIp}@example.com`;
    const { number, trackingCode } = await create(g, { email });
    expect(trackingCode).toMatch(NEW_CODE);
    const tk = await ticketOf(number);
    // Only the hash of the canonical code is kept; the code is nowhere in the row, the record or the job.
    expect(tk.trackingHash).toBe(sha256(ungrouped(trackingCode)));
    const rows = await mailRows(tk.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'created', locale: 'fa', status: 'queued', attempts: 0 });
    const job = await jobOf(rows[0].id);
    for (const c of [trackingCode, ungrouped(trackingCode)]) {
      expect(JSON.stringify(tk)).not.toContain(c);
      expect(JSON.stringify(rows[0])).not.toContain(c);
      expect(JSON.stringify(job)).not.toContain(c);
    }

    // The job run several times at once and again later mails it once.
    const results = await Promise.all([1, 2, 3].map(() => deliverGuestLink(t.deps, job)));
    expect(results.filter((r) => r.result === 'sent')).toHaveLength(1);
    await runGuestLinkJob(t.deps)(job);
    await runGuestLinkJob(t.deps)(job);
    expect(mailsTo(email)).toHaveLength(1);
    const [m] = mailsTo(email);
    expectLinkMail(m, number, trackingCode, 'fa');
    // In Persian, with the number in Persian digits in the sentence and the workspace's title.
    expect(m.text).toContain(tr('fa', 'mail.guest_link.intro_created', { number, title: `Workspace ${w.slug}` }));
    expect(m.html).toContain('lang="fa"');
    const after = await mailRow(rows[0].id);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect(m.messageId).toBe(`<${after.emailMessageId}>`);
    // The link opens the ticket.
    expect((await g.get(`public/tickets/${number}?code=${encodeURIComponent(trackingCode)}`)).statusCode).toBe(200);
    for (const c of [trackingCode, ungrouped(trackingCode)]) expect(t.logs.join('\n')).not.toContain(c);
  });

  it('is in English for a guest writing in English', async () => {
    const g = guest('en');
    const email = `john.${lastIp}@example.com`;
    const { number, trackingCode } = await create(g, { email });
    const [row] = await mailRows((await ticketOf(number)).id);
    expect(row.locale).toBe('en');
    await runGuestLinkJob(t.deps)(await jobOf(row.id));
    const [m] = mailsTo(email);
    expectLinkMail(m, number, trackingCode, 'en');
    expect(m.subject).toBe(
      tr('en', 'mail.guest_link.subject_created', { ref: `[#${number}]`, subject: 'Cannot log in' }),
    );
  });

  it('after a temporary failure is sent again with the same Message-ID, and the code is never logged', async () => {
    const g = guest('en');
    const email = `retry.${lastIp}@example.com`;
    const { number, trackingCode } = await create(g, { email });
    const [row] = await mailRows((await ticketOf(number)).id);
    const job = await jobOf(row.id);
    const send = t.mailer.send;
    t.mailer.send = async () => {
      throw Object.assign(new Error('451 4.3.0 Try again later'), { responseCode: 451 });
    };
    try {
      const r = await deliverGuestLink(t.deps, job);
      expect(r.result).toBe('retry');
      expect(r.retryInMs).toBeGreaterThan(0);
    } finally {
      t.mailer.send = send;
    }
    const failed = await mailRow(row.id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
    expect(failed.error).toContain('451');
    expect(await deliverGuestLink(t.deps, job)).toEqual({ result: 'sent' });
    expect(mailsTo(email)).toHaveLength(1);
    expect(mailsTo(email)[0].messageId).toBe(`<${failed.emailMessageId}>`);
    expect(t.logs.join('\n')).toContain('guest link mail not delivered');
    for (const c of [trackingCode, ungrouped(trackingCode)]) expect(t.logs.join('\n')).not.toContain(c);
  });

  it('a worker that died while sending: held while it may be at work, then sent again with the same Message-ID', async () => {
    const g = guest('en');
    const email = `died.${lastIp}@example.com`;
    const { number } = await create(g, { email });
    const [row] = await mailRows((await ticketOf(number)).id);
    const job = await jobOf(row.id);
    // The claim was made (Message-ID fixed) and the worker died before recording anything.
    await db()
      .update(guestLinkMails)
      .set({ status: 'sending', statusAt: t.clock.now(), attempts: 1, emailMessageId: 'died.1@example.test' })
      .where(eq(guestLinkMails.id, row.id));
    expect((await deliverGuestLink(t.deps, job)).result).toBe('busy');
    expect(mailsTo(email)).toHaveLength(0);
    t.clock.advance(UNCERTAIN_AFTER_MS + 1000);
    expect(await deliverGuestLink(t.deps, job)).toEqual({ result: 'sent' });
    expect(mailsTo(email).map((m) => m.messageId)).toEqual(['<died.1@example.test>']);
    expect(await mailRow(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('is not sent once the ticket is no longer the guest’s (deleted)', async () => {
    const g = guest('en');
    const email = `gone.${lastIp}@example.com`;
    const { number } = await create(g, { email });
    const tk = await ticketOf(number);
    const [row] = await mailRows(tk.id);
    await db().update(tickets).set({ deletedAt: t.clock.now() }).where(eq(tickets.id, tk.id));
    expect((await deliverGuestLink(t.deps, await jobOf(row.id))).result).toBe('failed');
    expect(mailsTo(email)).toHaveLength(0);
  });

  it('a refused form queues nothing', async () => {
    const g = guest('en');
    const before = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from guest_link_mails`);
    const res = await g.post('public/tickets', {
      name: 'X',
      email: 'x@example.com',
      subject: 'S',
      body: '<p>B</p>',
      departmentId: w.internal.id,
    });
    expect(res.statusCode).toBe(400);
    const after = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from guest_link_mails`);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('e-mail me again', () => {
  it('with the code, however it is typed, mails the ticket’s own address again in the caller’s language', async () => {
    const g = guest('en');
    const email = `again.${lastIp}@example.com`;
    const { number, trackingCode } = await create(g, { email });
    const tk = await ticketOf(number);
    const typed = ungrouped(trackingCode)
      .toLowerCase()
      .replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
    const res = await guest('fa').post(`public/tickets/${number}/resend-link`, { code: ` ${typed} ` });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.body).toBe('');
    const rows = await mailRows(tk.id);
    expect(rows.map((r) => [r.reason, r.locale])).toEqual([
      ['created', 'en'],
      ['resent', 'fa'],
    ]);
    for (const r of rows) await runGuestLinkJob(t.deps)(await jobOf(r.id));
    const sent = mailsTo(email);
    expect(sent).toHaveLength(2);
    // The code comes back as the guest should type it: grouped, upper case, ASCII digits.
    expectLinkMail(sent[1], number, trackingCode, 'fa');
    expect(sent[1].subject).toBe(
      tr('fa', 'mail.guest_link.subject_resent', { ref: `[#${number}]`, subject: 'Cannot log in' }),
    );
    expect(sent[0].messageId).not.toBe(sent[1].messageId);
    expect(t.logs.join('\n')).not.toContain(ungrouped(trackingCode));
  });

  it('answers a wrong code, a missing number and a member’s ticket with the same 404, and mails nothing', async () => {
    const g = guest('en');
    const { number, trackingCode } = await create(g);
    const tk = await ticketOf(number);
    const member = await openTicket(w.alice.client, { departmentId: w.support.id });
    const sentBefore = t.mailer.sent.length;
    const missing = await resend(g, 999999, trackingCode);
    expect(missing.statusCode).toBe(404);
    const wrong = `${trackingCode.slice(0, -1)}${trackingCode.endsWith('A') ? 'B' : 'A'}`;
    for (const [n, code] of [
      [number, wrong],
      [number + 1000, trackingCode],
      [member.number, trackingCode],
      [number, 'short'],
    ] as const) {
      const res = await resend(g, n, code);
      expect(res.statusCode, `${n} ${code}`).toBe(404);
      expect(res.body).toBe(missing.body);
    }
    expect((await g.post(`public/tickets/${number}/resend-link`, {})).statusCode).toBe(400);
    expect(await mailRows(tk.id)).toHaveLength(1);
    expect(t.mailer.sent.length).toBe(sentBefore);
  });

  it('is limited per ticket, per address and per e-mail address (429 with Retry-After)', async () => {
    // Per ticket: three an hour, from whatever addresses.
    const { number, trackingCode } = await create(guest());
    for (let i = 0; i < 3; i++) expect((await resend(guest(), number, trackingCode)).statusCode).toBe(202);
    const limited = await resend(guest(), number, trackingCode);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.message).toContain('e-mailed too many times');
    expect(await mailRows((await ticketOf(number)).id)).toHaveLength(4);

    // Per address: ten an hour, counted before the code is checked — so a stranger trying
    // numbers learns nothing, and gets the same 429 for a ticket that exists and one that does not.
    const g = guest();
    for (let i = 0; i < 10; i++) expect((await resend(g, 900000 + i, 'AAAA-BBBB-CCCC')).statusCode).toBe(404);
    const a = await resend(g, 999998, 'AAAA-BBBB-CCCC');
    const b = await resend(g, number, trackingCode);
    expect([a.statusCode, b.statusCode]).toEqual([429, 429]);
    expect(a.json()).toEqual(b.json());

    // Per e-mail address: five an hour over all its tickets.
    const email = `many.${lastIp}@example.com`;
    const one = await create(guest(), { email });
    const two = await create(guest(), { email });
    for (const tk of [one, one, one, two, two])
      expect((await resend(guest(), tk.number, tk.trackingCode)).statusCode).toBe(202);
    expect((await resend(guest(), two.number, two.trackingCode)).statusCode).toBe(429);
    // A new hour, a new allowance.
    t.clock.advance(3600_000);
    expect((await resend(guest(), two.number, two.trackingCode)).statusCode).toBe(202);
  });
});

describe('tracking codes', () => {
  it('new codes open the ticket in any case, with or without dashes or spaces, with Persian or Arabic digits', async () => {
    const g = guest();
    const { number, trackingCode } = await create(g);
    const plain = ungrouped(trackingCode);
    const variants = [
      trackingCode,
      plain,
      trackingCode.toLowerCase(),
      plain.match(/.{4}/g)!.join(' '),
      trackingCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]),
      trackingCode.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]),
      trackingCode.replace(/0/g, 'o').replace(/1/g, 'l'),
    ];
    for (const code of variants) {
      const res = await g.get(`public/tickets/${number}?code=${encodeURIComponent(code)}`);
      expect(res.statusCode, code).toBe(200);
    }
    // Replies and attachment links work with a typed variant too.
    const replied = await g.post(`public/tickets/${number}/messages?code=${encodeURIComponent(variants[2])}`, {
      body: '<p>more</p>',
    });
    expect(replied.statusCode).toBe(201);
  });

  it('old 24-character codes keep working, as they were (case-sensitive); a wrong code is the 404 of a missing ticket', async () => {
    const g = guest('en');
    const email = `old.${lastIp}@example.com`;
    const { number } = await create(g, { email });
    const tk = await ticketOf(number);
    // A ticket from before issue 14: its code is 18 random bytes in base64url, kept as sha256.
    let old = randomToken(18);
    while (old.toLowerCase() === old) old = randomToken(18);
    await db()
      .update(tickets)
      .set({ trackingHash: sha256(old) })
      .where(eq(tickets.id, tk.id));
    const ok = await g.get(`public/tickets/${number}?code=${encodeURIComponent(old)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().number).toBe(number);
    const missing = await g.get(`public/tickets/999999?code=${encodeURIComponent(old)}`);
    for (const wrong of [old.toLowerCase(), `${old.slice(0, -1)}${old.endsWith('A') ? 'B' : 'A'}`, old.slice(1)]) {
      const res = await g.get(`public/tickets/${number}?code=${encodeURIComponent(wrong)}`);
      expect(res.statusCode, wrong).toBe(404);
      expect(res.body).toBe(missing.body);
    }
    const reply = await g.post(`public/tickets/${number}/messages?code=${encodeURIComponent(old)}`, {
      body: '<p>still here</p>',
    });
    expect(reply.statusCode).toBe(201);
    // Asking for the link again mails the old code as it is.
    expect((await resend(g, number, old)).statusCode).toBe(202);
    const rows = await mailRows(tk.id);
    await runGuestLinkJob(t.deps)(await jobOf(rows.at(-1)!.id));
    const m = mailsTo(email).at(-1)!;
    expectLinkMail(m, number, old, 'en');
  });
});
