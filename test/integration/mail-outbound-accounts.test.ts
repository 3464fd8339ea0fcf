import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages, tickets } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { parseMail } from '../../src/server/modules/mail/inbound/parse-mail';
import { bWord, raw } from '../../src/server/modules/mail/inbound/test-mails';
import { mailToTicket } from '../../src/server/modules/mail/intake/mail-to-ticket';
import { systemCtx } from '../../src/server/modules/mail/intake/system-ctx';
import { findMailbox } from '../../src/server/modules/mail/mailboxes.repo';
import { runNoticeJob, type RefusedNoticeJob } from '../../src/server/modules/mail/outbound/send-notice.job';
import { SMTP_USER, useMailOutboundWorld } from '../helpers/mail-outbound-world';
import type { SmtpReceiver } from '../helpers/smtp-receiver';
import type { TestApp } from '../helpers/test-app';
import { openTicket, type TicketWorld } from '../helpers/tickets';

/**
 * F3 and C15: which account an outgoing mail goes through, which messages are mailed at all,
 * and the automatic answer to mail whose attachments were refused.
 */
let t: TestApp;
let w: TicketWorld;
let smtp: SmtpReceiver;
let mailboxId: number;
const { db, msgRow, deliver, reply, queuedJobs } = useMailOutboundWorld((world) => ({ t, w, smtp, mailboxId } = world));

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
