import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailFetched, messages, tickets } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { fetchMailbox } from '../../src/server/modules/mail/intake/fetch-mailbox';
import { raw } from '../../src/server/modules/mail/inbound/test-mails';
import { runNoticeJob, type NoticeJob } from '../../src/server/modules/mail/outbound/send-notice.job';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** Issue 11, point 2 (C4): a locked ticket takes nothing from a customer, by any way; mail is kept, not lost. */
const PW = 'lock-Pw-8812';
let t: TestApp;
let w: TicketWorld;
let dovecot: Dovecot;
let smtp: SmtpReceiver;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  dovecot = await startDovecot({ users: [{ user: 'lockbox', password: PW }] });
  smtp = await startSmtpReceiver({ starttls: false });
  const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, dovecot.caCertPem);
  t.deps.config.mailTlsCaFile = caFile;
}, 60_000);
afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  await t?.close();
});

const db = () => t.deps.database.db;
const lock = async (number: number, on = true) => {
  const res = await w.admin.post('tickets/bulk', { numbers: [number], action: 'lock', value: on ? 'true' : 'false' });
  expect(res.json(), res.body).toMatchObject({ done: [number], failed: [] });
};
const statusOf = async (number: number) => (await w.admin.get(`tickets/${number}`)).json().status;
const threadCount = async (number: number) => (await w.admin.get(`tickets/${number}/messages`)).json().items.length;

describe('customers on a locked ticket', () => {
  it('can neither close it, reopen it by replying, nor write to it; staff still can unlock', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    await lock(tk.number);
    const close = await w.alice.client.patch(`tickets/${tk.number}`, { status: 'closed' });
    expect(close.statusCode, close.body).toBe(423);
    expect(close.json().error.code).toBe('locked');
    expect(await statusOf(tk.number)).toBe('locked');
    const reply = await w.alice.client.post(`tickets/${tk.number}/messages`, { kind: 'reply', body: 'let me in' });
    expect(reply.statusCode).toBe(423);
    expect(await threadCount(tk.number)).toBe(1);
    // Closed, then locked: still no way back in for the customer.
    await lock(tk.number, false);
    expect((await w.alice.client.patch(`tickets/${tk.number}`, { status: 'closed' })).statusCode).toBe(200);
    expect((await w.admin.post('tickets/bulk', { numbers: [tk.number], action: 'lock' })).json().done).toEqual([
      tk.number,
    ]);
    expect((await w.alice.client.post(`tickets/${tk.number}/messages`, { kind: 'reply', body: 'x' })).statusCode).toBe(
      423,
    );
    expect(await statusOf(tk.number)).toBe('locked');
  });

  it('a guest cannot reply to a locked ticket with its tracking code', async () => {
    const made = await w.anon.post('public/tickets', {
      name: 'Guest',
      email: `guest-lock-${w.slug}@example.com`,
      subject: 'Guest question',
      body: 'Hello',
      departmentId: w.support.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { number, trackingCode } = made.json();
    await lock(number);
    const res = await w.anon.post(`public/tickets/${number}/messages?code=${trackingCode}`, { body: 'again' });
    expect(res.statusCode).toBe(423);
    expect(await threadCount(number)).toBe(1);
  });
});

describe('mail answering a locked ticket', () => {
  let mailboxId: number;
  beforeAll(async () => {
    const res = await w.admin.post('mailboxes', {
      departmentId: w.support.id,
      address: `lockbox@${w.slug}.test`,
      inbound: {
        protocol: 'imap',
        host: '127.0.0.1',
        port: dovecot.ports.imap,
        tls: 'starttls',
        username: 'lockbox',
        password: PW,
      },
      outbound: { host: '127.0.0.1', port: smtp.port, tls: 'none', auth: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    mailboxId = Number(res.json().id);
  });

  const mail = (number: number, id: string) =>
    raw(
      [
        `From: Alice <alice-${w.slug}@example.com>`,
        `To: lockbox@${w.slug}.test`,
        `Subject: Re: [#${number}] Printer on fire`,
        `Message-ID: <${id}@client.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Any news on this?',
    );
  const noticeJobs = async (ticketId: number) =>
    (
      await queryRows<{ data: NoticeJob }>(
        db(),
        sql`select data from pgboss.job where name = 'mail.notice' and (data->>'ticketId')::bigint = ${ticketId}`,
      )
    ).map((r) => r.data);

  it('is kept in the quarantine (reason locked), not appended, and answered once; a retry after unlocking appends it', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const [row] = await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, tk.number)));
    await lock(tk.number);
    await dovecot.deliver('lockbox', mail(tk.number, `locked-${w.slug}`));
    const r = await fetchMailbox(t.deps, { workspaceId: w.workspaceId, mailboxId });
    expect(r.counts, JSON.stringify(r)).toMatchObject({ quarantined: 1, reply: 0, ticket: 0 });
    expect(await threadCount(tk.number)).toBe(1);
    expect(await statusOf(tk.number)).toBe('locked');

    const list = (await w.admin.get(`mailboxes/${mailboxId}/quarantine`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ reason: 'locked', ticketNumber: tk.number, hasRaw: true });
    const entryId = list.items[0].id;

    // One polite, automatic answer, in the customer's language, threaded under the mail.
    const jobs = await noticeJobs(row.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'locked', to: `alice-${w.slug}@example.com` });
    const before = smtp.received.length;
    await runNoticeJob(t.deps)(jobs[0]);
    const answer = (await smtp.waitFor(before + 1))[before];
    expect(answer.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(answer.parsed.inReplyTo).toBe(`<locked-${w.slug}@client.example>`);
    expect(answer.parsed.subject).toBe(`Re: [#${tk.number}] Printer on fire`);
    // Alice has no language of her own: the workspace's (Persian) is used.
    expect(answer.parsed.text).toContain('قفل');

    // Retried while still locked: still kept, and no second answer.
    const again = await w.admin.post(`mailboxes/${mailboxId}/quarantine/${entryId}/retry`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().outcome).toBe('quarantined');
    expect(await noticeJobs(row.id)).toHaveLength(1);
    expect(await threadCount(tk.number)).toBe(1);

    // Unlocked: the retry appends it as the customer's reply.
    await lock(tk.number, false);
    const retry = await w.admin.post(`mailboxes/${mailboxId}/quarantine/${entryId}/retry`);
    expect(retry.json()).toMatchObject({ outcome: 'reply', ticketNumber: tk.number });
    const thread = await db().select().from(messages).where(eq(messages.ticketId, row.id)).orderBy(messages.id);
    expect(thread).toHaveLength(2);
    expect(thread[1]).toMatchObject({ authorKind: 'customer', emailMessageId: `locked-${w.slug}@client.example` });
    const [rec] = await db()
      .select()
      .from(mailFetched)
      .where(and(eq(mailFetched.mailboxId, mailboxId), eq(mailFetched.id, Number(entryId))));
    expect(rec).toMatchObject({ outcome: 'reply', reason: null, rawStorageKey: null });
    expect((await w.admin.get(`mailboxes/${mailboxId}/quarantine`)).json().items).toHaveLength(0);
  });
});
