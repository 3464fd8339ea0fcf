import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { parseMail } from '../../src/server/modules/mail/inbound/parse-mail';
import { bWord, raw } from '../../src/server/modules/mail/inbound/test-mails';
import { mailToTicket } from '../../src/server/modules/mail/intake/mail-to-ticket';
import { systemCtx } from '../../src/server/modules/mail/intake/system-ctx';
import { fetchMailbox } from '../../src/server/modules/mail/intake/fetch-mailbox';
import { findMailbox } from '../../src/server/modules/mail/mailboxes.repo';
import { MAX_ATTEMPTS, runReplyJob } from '../../src/server/modules/mail/outbound/send-reply.job';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { SMTP_USER, useMailOutboundWorld } from '../helpers/mail-outbound-world';
import type { SmtpReceiver } from '../helpers/smtp-receiver';
import type { TestApp } from '../helpers/test-app';
import { openTicket, type TicketWorld } from '../helpers/tickets';

/** F3 and C15: agents' replies go out by mail through the department's SMTP account. */
let t: TestApp;
let w: TicketWorld;
let smtp: SmtpReceiver;
let mailboxId: number;
const { db, msgRow, deliver, reply, uploaded, queuedJobs } = useMailOutboundWorld(
  (world) => ({ t, w, smtp, mailboxId } = world),
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
