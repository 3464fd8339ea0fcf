import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { parseMail } from '../../src/server/modules/mail/inbound/parse-mail';
import { bWord, raw } from '../../src/server/modules/mail/inbound/test-mails';
import { mailToTicket } from '../../src/server/modules/mail/intake/mail-to-ticket';
import { systemCtx } from '../../src/server/modules/mail/intake/system-ctx';
import { findMailbox } from '../../src/server/modules/mail/mailboxes.repo';
import { deliverReply, MAX_ATTEMPTS, runReplyJob } from '../../src/server/modules/mail/outbound/send-reply.job';
import { runNoticeJob, type RefusedNoticeJob } from '../../src/server/modules/mail/outbound/send-notice.job';
import { multipart } from '../helpers/images';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { fetchMailbox } from '../../src/server/modules/mail/intake/fetch-mailbox';
import { files } from '../../src/db/schema';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** F3 and C15: agents' replies go out by mail through the department's SMTP account. */
const SMTP_USER = { user: 'support-out', password: 'smtp-Pw-7731' };
let t: TestApp;
let w: TicketWorld;
let smtp: SmtpReceiver;
let mailboxId: number;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  smtp = await startSmtpReceiver({ users: [SMTP_USER] });
  const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, smtp.caCertPem);
  t.deps.config.mailTlsCaFile = caFile;
  const res = await w.admin.post('mailboxes', {
    departmentId: w.support.id,
    address: `support@${w.slug}.test`,
    displayName: 'پشتیبانی فنی',
    outbound: {
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'starttls',
      auth: true,
      username: SMTP_USER.user,
      password: SMTP_USER.password,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  mailboxId = Number(res.json().id);
}, 60_000);
afterAll(async () => {
  await smtp?.stop();
  await t?.close();
});

const db = () => t.deps.database.db;
const msgRow = async (id: string | number) =>
  (
    await db()
      .select()
      .from(messages)
      .where(eq(messages.id, Number(id)))
  )[0];
const deliver = (messageId: string | number) =>
  deliverReply(t.deps, { workspaceId: w.workspaceId, messageId: Number(messageId) });
const reply = async (c: Client, number: number, body: Record<string, unknown>) => {
  const res = await c.post(`tickets/${number}/messages`, { kind: 'reply', signature: false, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
async function uploaded(c: Client, name: string, bytes: Buffer) {
  const m = multipart(name, bytes, 'text/plain');
  const res = await c.post('uploads', m.payload, { headers: m.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const queuedJobs = (queue: string, messageId?: string) =>
  queryRows<{ data: Record<string, unknown> }>(
    db(),
    messageId
      ? sql`select data from pgboss.job where name = ${queue} and data->>'messageId' = ${messageId}`
      : sql`select data from pgboss.job where name = ${queue} and (data->>'workspaceId')::bigint = ${w.workspaceId}`,
  );

describe('an agent reply by mail', () => {
  let number: number;
  let firstOut: string;

  it('is queued in the reply transaction and sent with Cc, Bcc, the ticket number, threading headers and attachments', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'چاپگر خراب است' });
    number = tk.number;
    const file = await uploaded(w.agent.client, 'گزارش خطا.txt', Buffer.from('سلام، این گزارش است.\n'));
    const m = await reply(w.agent.client, number, {
      body: '<p>سلام، بررسی کردیم.</p>',
      cc: ['boss@example.com'],
      bcc: ['audit@example.com'],
      attachmentIds: [file.id],
    });
    expect(m.delivery).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await queuedJobs('mail.reply', m.id)).toHaveLength(1);

    expect(await deliver(m.id)).toEqual({ result: 'sent' });
    const [mail] = await smtp.waitFor(1);
    expect(mail.user).toBe(SMTP_USER.user);
    expect(mail.secure).toBe(true);
    expect(mail.envelope.to.sort()).toEqual(
      ['audit@example.com', 'boss@example.com', `alice-${w.slug}@example.com`].sort(),
    );
    expect(mail.parsed.subject).toBe(`Re: [#${number}] چاپگر خراب است`);
    expect(mail.parsed.from?.value[0]).toMatchObject({ address: `support@${w.slug}.test`, name: 'پشتیبانی فنی' });
    expect(mail.parsed.cc && !Array.isArray(mail.parsed.cc) ? mail.parsed.cc.text : '').toContain('boss@example.com');
    expect(mail.raw.toString()).not.toMatch(/^bcc:/im);
    expect(mail.parsed.html).toContain('سلام، بررسی کردیم.');
    expect(mail.parsed.text).toContain(`/portal/tickets/${number}`);
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['گزارش خطا.txt']);
    expect(mail.parsed.attachments[0].content.toString()).toBe('سلام، این گزارش است.\n');
    expect(mail.parsed.headers.get('x-pishkhan-ticket')).toBe(String(number));

    const row = await msgRow(m.id);
    expect(row).toMatchObject({ deliveryStatus: 'sent', deliveryError: null, deliveryAttempts: 1 });
    expect(mail.parsed.messageId).toBe(`<${row.emailMessageId}>`);
    firstOut = row.emailMessageId!;
    // Sent once: a repeated job does nothing.
    expect(await deliver(m.id)).toEqual({ result: 'skipped' });
    const seen = (await w.agent.client.get(`tickets/${number}/messages`)).json();
    expect(seen.items.find((x: { id: string }) => x.id === m.id).delivery).toMatchObject({
      status: 'sent',
      attempts: 1,
      error: null,
    });
    // The customer never sees delivery details nor Bcc.
    const mine = (await w.alice.client.get(`tickets/${number}/messages`)).json();
    expect(mine.items.find((x: { id: string }) => x.id === m.id)).not.toHaveProperty('delivery');
    expect(mine.items.find((x: { id: string }) => x.id === m.id)).not.toHaveProperty('bcc');
  });

  it("the customer's answer by mail joins the ticket, and the next reply threads under it", async () => {
    const mailbox = (await findMailbox(systemCtx(t.deps, w.workspaceId), mailboxId))!;
    const answer = raw(
      [
        `From: Alice <alice-${w.slug}@example.com>`,
        `To: support@${w.slug}.test`,
        `Subject: ${bWord(`Re: [#${number}] چاپگر خراب است`)}`,
        'Message-ID: <alice-answer-1@client.example>',
        `In-Reply-To: <${firstOut}>`,
        `References: <${firstOut}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'هنوز کار نمی‌کند.',
    );
    const r = await mailToTicket(systemCtx(t.deps, w.workspaceId), mailbox, await parseMail(answer), 'test:answer-1');
    expect(r).toEqual({ outcome: 'reply', ticketNumber: number });

    const m = await reply(w.agent.client, number, { body: '<p>Second answer</p>' });
    expect(await deliver(m.id)).toEqual({ result: 'sent' });
    const mail = (await smtp.waitFor(2))[1];
    expect(mail.parsed.inReplyTo).toBe('<alice-answer-1@client.example>');
    expect(mail.parsed.references).toEqual([`<${firstOut}>`, '<alice-answer-1@client.example>']);
    expect(mail.parsed.subject).toBe(`Re: [#${number}] چاپگر خراب است`);
  });

  it('a temporary failure is retried and shows on the message; the retry sends the same Message-ID', async () => {
    const m = await reply(w.agent.client, number, { body: '<p>Third</p>' });
    smtp.failNext(451, 'Mailbox busy, try later');
    expect(await deliver(m.id)).toMatchObject({ result: 'retry' });
    let row = await msgRow(m.id);
    expect(row).toMatchObject({ deliveryStatus: 'queued', deliveryAttempts: 1 });
    expect(row.deliveryError).toMatch(/451|busy/i);
    const firstId = row.emailMessageId;
    // Through the job handler: it queues the next attempt itself, later (the queue's own quick
    // retries are for jobs whose worker died).
    smtp.failNext(451);
    const jobsBefore = (await queuedJobs('mail.reply', m.id)).length;
    await runReplyJob(t.deps)({ workspaceId: w.workspaceId, messageId: Number(m.id) });
    const next = await queryRows<{ delay: number }>(
      db(),
      sql`select extract(epoch from start_after - now())::float8 as delay from pgboss.job
          where name = 'mail.reply' and data->>'messageId' = ${m.id} order by created_on desc limit 1`,
    );
    expect((await queuedJobs('mail.reply', m.id)).length).toBe(jobsBefore + 1);
    expect(next[0].delay).toBeGreaterThan(50); // second attempt failed: 60–90 s
    const before = smtp.received.length;
    await runReplyJob(t.deps)({ workspaceId: w.workspaceId, messageId: Number(m.id) });
    const mail = (await smtp.waitFor(before + 1))[before];
    row = await msgRow(m.id);
    expect(row).toMatchObject({
      deliveryStatus: 'sent',
      deliveryError: null,
      deliveryAttempts: 3,
      emailMessageId: firstId,
    });
    expect(mail.parsed.messageId).toBe(`<${firstId}>`);
  });

  it('a permanent refusal fails at once, and repeated temporary ones fail after the last attempt', async () => {
    const m = await reply(w.agent.client, number, { body: '<p>Fourth</p>' });
    smtp.failNext(550, 'No such user here', 'rcpt');
    expect(await deliver(m.id)).toMatchObject({ result: 'failed' });
    expect(await msgRow(m.id)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 1 });
    const shown = (await w.agent.client.get(`tickets/${number}/messages`))
      .json()
      .items.find((x: { id: string }) => x.id === m.id);
    expect(shown.delivery.status).toBe('failed');
    expect(shown.delivery.error).toMatch(/No such user/);
    // Failed stays failed: a late job does not send it.
    expect(await deliver(m.id)).toEqual({ result: 'skipped' });

    const m2 = await reply(w.agent.client, number, { body: '<p>Fifth</p>' });
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      smtp.failNext(421, 'Service not available');
      expect((await deliver(m2.id)).result).toBe(i < MAX_ATTEMPTS ? 'retry' : 'failed');
    }
    expect(await msgRow(m2.id)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: MAX_ATTEMPTS });
  });

  it('never logs the SMTP password', () => {
    expect(t.logs.join('')).not.toContain(SMTP_USER.password);
  });
});

describe('a Persian round trip through real servers', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'roundtrip', password: 'rt-Pw-1' }] });
  }, 60_000);
  afterAll(() => dovecot?.stop());

  it('the reply sent by SMTP, answered by the customer into the IMAP mailbox, comes back to its ticket with names and files intact', async () => {
    const dep = (await w.admin.post('departments', { name: 'رفت و برگشت' })).json();
    const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca2-')), 'ca.pem');
    writeFileSync(caFile, `${smtp.caCertPem}\n${dovecot.caCertPem}`);
    t.deps.config.mailTlsCaFile = caFile;
    const box = await w.admin.post('mailboxes', {
      departmentId: dep.id,
      address: `roundtrip@${w.slug}.test`,
      displayName: 'میز خدمت',
      inbound: {
        protocol: 'imap',
        host: '127.0.0.1',
        port: dovecot.ports.imaps,
        tls: 'tls',
        username: 'roundtrip',
        password: 'rt-Pw-1',
      },
      outbound: {
        host: '127.0.0.1',
        port: smtp.port,
        tls: 'starttls',
        auth: true,
        username: SMTP_USER.user,
        password: SMTP_USER.password,
      },
    });
    expect(box.statusCode, box.body).toBe(201);
    const tk = await openTicket(w.alice.client, { departmentId: dep.id, subject: 'ثبت‌نام در کلاس' });
    const m = await reply(w.admin, tk.number, { body: '<p>فرم را پر کنید.</p>' });
    const before = smtp.received.length;
    expect(await deliver(m.id)).toEqual({ result: 'sent' });
    const out = (await smtp.waitFor(before + 1))[before];
    expect(out.raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/im);

    // The customer answers from their mail program: Persian subject and attachment name.
    const name = 'فرم پرشده.txt';
    const answer = [
      `From: =?UTF-8?B?${Buffer.from('علی').toString('base64')}?= <alice-${w.slug}@example.com>`,
      `To: ${out.parsed.from!.text}`,
      `Subject: =?UTF-8?B?${Buffer.from(`پاسخ: ${out.parsed.subject}`).toString('base64')}?=`,
      'Message-ID: <alice-roundtrip@client.example>',
      `In-Reply-To: ${out.parsed.messageId}`,
      `References: ${out.parsed.messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="rt"',
      '',
      '--rt',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('پر کردم و فرستادم.\n\n> فرم را پر کنید.\n').toString('base64'),
      '--rt',
      `Content-Type: text/plain; name="=?UTF-8?B?${Buffer.from(name).toString('base64')}?="`,
      `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('نام: علی\n').toString('base64'),
      '--rt--',
      '',
    ].join('\r\n');
    await dovecot.deliver('roundtrip', answer);
    const r = await fetchMailbox(t.deps, { workspaceId: w.workspaceId, mailboxId: Number(box.json().id) });
    expect(r.counts, JSON.stringify(r)).toMatchObject({ reply: 1, ticket: 0, quarantined: 0 });
    const thread = (await w.admin.get(`tickets/${tk.number}/messages`)).json().items;
    const last = thread.at(-1);
    expect(last.author).toMatchObject({ id: w.alice.id, level: 'member' });
    expect(last.body).toContain('پر کردم و فرستادم.');
    expect(last.body).not.toContain('فرم را پر کنید.');
    expect(last.attachments.map((a: { name: string }) => a.name)).toEqual([name]);
    const [f] = await db()
      .select()
      .from(files)
      .where(eq(files.messageId, Number(last.id)));
    const chunks: Buffer[] = [];
    for await (const c of await t.deps.storage.get(f.storageKey)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('نام: علی\n');
  });
});

describe('which account sends', () => {
  it('a department without a mailbox uses the system account, and without one the platform mailer', async () => {
    const tk = await openTicket(w.bob.client, { departmentId: w.billing.id, subject: 'Invoice' });
    const m = await reply(w.billingAgent.client, tk.number, { body: '<p>Paid.</p>' });
    const sentBefore = t.mailer.sent.length;
    expect(await deliver(m.id)).toEqual({ result: 'sent' });
    expect(t.mailer.sent.length).toBe(sentBefore + 1);
    expect(t.mailer.sent.at(-1)).toMatchObject({
      to: `bob-${w.slug}@example.com`,
      subject: `Re: [#${tk.number}] Invoice`,
    });

    const sys = await w.admin.post('mailboxes', {
      address: `desk@${w.slug}.test`,
      displayName: 'Desk',
      outbound: {
        host: '127.0.0.1',
        port: smtp.port,
        tls: 'starttls',
        auth: true,
        username: SMTP_USER.user,
        password: SMTP_USER.password,
      },
    });
    expect(sys.statusCode, sys.body).toBe(201);
    const m2 = await reply(w.billingAgent.client, tk.number, { body: '<p>Again.</p>' });
    const before = smtp.received.length;
    expect(await deliver(m2.id)).toEqual({ result: 'sent' });
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail.parsed.from?.value[0].address).toBe(`desk@${w.slug}.test`);
    expect(t.mailer.sent.length).toBe(sentBefore + 1);

    // System mail (a password reset) goes through the system account too.
    expect((await w.anon.post('auth/password/forgot', { login: `bob-${w.slug}@example.com` })).statusCode).toBeLessThan(
      300,
    );
    const [job] = await queryRows<{ data: Record<string, unknown> }>(
      db(),
      sql`select data from pgboss.job where name = 'mail.password-reset' and (data->>'workspaceId')::bigint = ${w.workspaceId} order by created_on desc limit 1`,
    );
    const { sendResetMail } = await import('../../src/server/modules/auth/send-reset-mail.job');
    const before2 = smtp.received.length;
    await sendResetMail(t.deps)(job.data as never);
    const reset = (await smtp.waitFor(before2 + 1))[before2];
    expect(reset.envelope.to).toEqual([`bob-${w.slug}@example.com`]);
    expect(reset.parsed.from?.value[0].address).toBe(`desk@${w.slug}.test`);
    expect(reset.parsed.text).toMatch(/reset-password\?token=/);
    expect(t.mailer.sent.length).toBe(sentBefore + 1);
    await w.admin.del(`mailboxes/${sys.json().id}`);
  });

  it('a ticket an agent opens for a customer is mailed to them, without "Re:"', async () => {
    const res = await w.agent.client.post('tickets', {
      subject: 'Your new laptop',
      body: '<p>It is ready for pickup.</p>',
      departmentId: w.support.id,
      requesterId: w.alice.id,
      cc: ['desk@example.com'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const tk = res.json();
    const [first] = await db()
      .select()
      .from(messages)
      .where(
        eq(
          messages.ticketId,
          (
            await db()
              .select()
              .from(tickets)
              .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, tk.number)))
          )[0].id,
        ),
      );
    expect(first.deliveryStatus).toBe('queued');
    const before = smtp.received.length;
    expect(await deliver(first.id)).toEqual({ result: 'sent' });
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail.parsed.subject).toBe(`[#${tk.number}] Your new laptop`);
    expect(mail.envelope.to.sort()).toEqual(['desk@example.com', `alice-${w.slug}@example.com`].sort());
  });

  it('notes, customer replies and internal tickets are not mailed', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const note = (
      await w.agent.client.post(`tickets/${tk.number}/messages`, { kind: 'note', body: '<p>internal</p>' })
    ).json();
    expect(note.delivery).toBeNull();
    const own = await reply(w.alice.client, tk.number, { body: '<p>more</p>' });
    expect(own).not.toHaveProperty('delivery');
    expect((await msgRow(own.id)).deliveryStatus).toBeNull();
    // Opened by someone who sees the internal department (issue 11, point 4).
    const internal = await openTicket(w.admin, {
      departmentId: w.internal.id,
      internal: true,
      requesterId: w.billingAgent.id,
    });
    const m = await reply(w.admin, internal.number, { body: '<p>fyi</p>' });
    expect(m.delivery).toBeNull();
    expect(await queuedJobs('mail.reply', note.id)).toHaveLength(0);
  });
});

describe('oversized attachments are answered', () => {
  it('the sender gets an automatic answer (Auto-Submitted) naming the file, threaded under their mail', async () => {
    const mailbox = (await findMailbox(systemCtx(t.deps, w.workspaceId), mailboxId))!;
    const boundary = 'b0und';
    const big = Buffer.alloc(3 * 1024 * 1024, 'a')
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const mail = raw(
      [
        'From: Guest Person <guest-big@elsewhere.example>',
        `To: support@${w.slug}.test`,
        'Subject: big file',
        'Message-ID: <big-one@elsewhere.example>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
      ],
      [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Attached.',
        `--${boundary}`,
        `Content-Type: text/plain; name="${bWord('فایل بزرگ.txt')}"`,
        `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent('فایل بزرگ.txt')}`,
        'Content-Transfer-Encoding: base64',
        '',
        big,
        `--${boundary}--`,
        '',
      ],
    );
    const r = await mailToTicket(systemCtx(t.deps, w.workspaceId), mailbox, await parseMail(mail), 'test:big-1');
    expect(r.outcome).toBe('ticket');
    const jobs = await queuedJobs('mail.notice');
    const job = jobs
      .map((j) => j.data as unknown as RefusedNoticeJob)
      .find((j) => j.to === 'guest-big@elsewhere.example')!;
    expect(job).toMatchObject({
      inReplyTo: 'big-one@elsewhere.example',
      refused: [{ name: 'فایل بزرگ.txt', reason: 'too_large' }],
    });
    const before = smtp.received.length;
    await runNoticeJob(t.deps)(job);
    const notice = (await smtp.waitFor(before + 1))[before];
    expect(notice.envelope.to).toEqual(['guest-big@elsewhere.example']);
    expect(notice.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(notice.parsed.inReplyTo).toBe('<big-one@elsewhere.example>');
    expect(notice.parsed.subject).toBe(`Re: [#${r.ticketNumber}] big file`);
    expect(notice.parsed.text).toContain('فایل بزرگ.txt');
    const [tk] = await db().select().from(tickets).where(eq(tickets.number, r.ticketNumber!)).limit(1);
    expect(tk).toBeTruthy();
  });

  it('automated mail gets no answer, and mail from our own address is not taken in', async () => {
    const mailbox = (await findMailbox(systemCtx(t.deps, w.workspaceId), mailboxId))!;
    const own = raw(
      [`From: support@${w.slug}.test`, 'Subject: loop', 'Message-ID: <own-1@x>', 'Content-Type: text/plain'],
      'echo',
    );
    expect(
      (await mailToTicket(systemCtx(t.deps, w.workspaceId), mailbox, await parseMail(own), 'test:own-1')).outcome,
    ).toBe('ignored');
  });
});
