// Proves the mail test harness: a private Dovecot (IMAP/POP3) and a real SMTP receiver.
import net from 'node:net';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';

const SUBJECT = 'درخواست پشتیبانی شماره ۱۲';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const persianMail = [
  `From: =?UTF-8?B?${b64('علی رضایی')}?= <ali@example.com>`,
  'To: support@example.com',
  `Subject: =?UTF-8?B?${b64(SUBJECT)}?=`,
  'Message-ID: <harness-1@example.com>',
  'Date: Sat, 22 Nov 2025 10:00:00 +0330',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  b64('سلام، چاپگر کار نمی‌کند.'),
  '',
].join('\r\n');

let dc: Dovecot;
beforeAll(async () => {
  dc = await startDovecot({ users: [{ user: 'support', password: 'پسورد-secret' }] });
  await dc.deliver('support', persianMail);
});
afterAll(() => dc?.stop());

function imap(d: Dovecot, user: string, pass: string, secure: boolean) {
  return new ImapFlow({
    host: d.host,
    port: secure ? d.ports.imaps : d.ports.imap,
    secure,
    doSTARTTLS: secure ? undefined : true,
    auth: { user, pass },
    tls: { ca: [d.caCertPem], servername: 'localhost' },
    logger: false,
  });
}

async function inboxSubjects(client: ImapFlow): Promise<Array<{ uid: number; subject?: string }>> {
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    const out: Array<{ uid: number; subject?: string }> = [];
    for await (const m of client.fetch('1:*', { uid: true, envelope: true }))
      out.push({ uid: m.uid, subject: m.envelope?.subject });
    return out;
  } finally {
    lock.release();
    await client.logout();
  }
}

/** A minimal line-based POP3 conversation over a socket. */
function pop3(socket: net.Socket) {
  let buf = '';
  let wake: (() => void) | null = null;
  const onData = (d: Buffer) => {
    buf += d.toString('utf8');
    wake?.();
  };
  socket.on('data', onData);
  const readUntil = async (done: (b: string) => boolean) => {
    const end = Date.now() + 5_000;
    while (!done(buf)) {
      if (Date.now() > end) throw new Error(`pop3 timeout, got: ${buf}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
    const out = buf;
    buf = '';
    return out;
  };
  return {
    line: () => readUntil((b) => b.includes('\r\n')),
    async cmd(c: string, multi = false) {
      socket.write(`${c}\r\n`);
      return readUntil((b) => (multi ? b.startsWith('-ERR') || b.endsWith('\r\n.\r\n') : b.includes('\r\n')));
    },
    detach: () => socket.off('data', onData),
  };
}

describe('private Dovecot', () => {
  it('serves IMAPS with the delivered Persian message', async () => {
    const msgs = await inboxSubjects(imap(dc, 'support', 'پسورد-secret', true));
    expect(msgs).toEqual([{ uid: 1, subject: SUBJECT }]);
  });

  it('serves IMAP with STARTTLS', async () => {
    const msgs = await inboxSubjects(imap(dc, 'support', 'پسورد-secret', false));
    expect(msgs.map((m) => m.subject)).toEqual([SUBJECT]);
  });

  it('refuses a wrong password with an authentication error', async () => {
    const client = imap(dc, 'support', 'wrong', true);
    client.on('error', () => {});
    const err = (await client.connect().then(
      () => null,
      (e: unknown) => e,
    )) as { authenticationFailed?: boolean } | null;
    expect(err?.authenticationFailed).toBe(true);
  });

  it('serves POP3S: USER/PASS/STAT/UIDL', async () => {
    const socket = tls.connect({ host: dc.host, port: dc.ports.pop3s, ca: [dc.caCertPem], servername: 'localhost' });
    const p = pop3(socket);
    expect(await p.line()).toMatch(/^\+OK/);
    expect(await p.cmd('USER support')).toMatch(/^\+OK/);
    expect(await p.cmd('PASS پسورد-secret')).toMatch(/^\+OK/);
    expect(await p.cmd('STAT')).toMatch(/^\+OK 1 \d+/);
    const uidl = await p.cmd('UIDL', true);
    expect(uidl).toMatch(/^\+OK[^\r]*\r\n1 \S+\r\n\.\r\n$/);
    expect(await p.cmd('QUIT')).toMatch(/^\+OK/);
    socket.destroy();
  });

  it('serves POP3 with STLS', async () => {
    const plain = net.connect({ host: dc.host, port: dc.ports.pop3 });
    const p = pop3(plain);
    expect(await p.line()).toMatch(/^\+OK/);
    expect(await p.cmd('STLS')).toMatch(/^\+OK/);
    p.detach();
    const socket = tls.connect({ socket: plain, ca: [dc.caCertPem], servername: 'localhost' });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const s = pop3(socket);
    expect(await s.cmd('USER support')).toMatch(/^\+OK/);
    expect(await s.cmd('PASS wrong')).toMatch(/^-ERR/);
    socket.destroy();
  });

  it('delivers into other folders and lists messages with flags', async () => {
    await dc.addUser('bob', 'b0b');
    await dc.deliver('bob', 'Subject: one\r\n\r\nbody\r\n');
    await dc.deliver('bob', Buffer.from('Subject: two\r\n\r\nbody\r\n'), { folder: 'Archive' });
    const inbox = await dc.listMessages('bob');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.raw).toContain('Subject: one');
    expect((await dc.listMessages('bob', 'Archive')).map((m) => m.uid)).toEqual([1]);
    expect(await dc.listMessages('bob', 'Missing')).toEqual([]);

    const client = imap(dc, 'bob', 'b0b', true);
    await client.connect();
    await client.mailboxOpen('INBOX');
    await client.messageFlagsAdd('1', ['\\Seen'], { uid: true });
    await client.logout();
    expect((await dc.listMessages('bob'))[0]!.flags).toContain('\\Seen');
  });

  it('runs two instances side by side', async () => {
    const other = await startDovecot();
    try {
      expect(Object.values(other.ports).some((p) => Object.values(dc.ports).includes(p))).toBe(false);
      await other.deliver('alice', 'Subject: elsewhere\r\n\r\nx\r\n');
      const msgs = await inboxSubjects(imap(other, 'alice', 'secret', true));
      expect(msgs.map((m) => m.subject)).toEqual(['elsewhere']);
      expect((await dc.listMessages('support')).length).toBe(1);
    } finally {
      await other.stop();
    }
  });
});

describe('SMTP receiver', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver({ users: [{ user: 'mailer', password: 'pw' }] });
  });
  afterAll(() => smtp?.stop());

  const transport = (pass = 'pw') =>
    nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      requireTLS: true,
      auth: { user: 'mailer', pass },
      tls: { ca: [smtp.caCertPem], servername: 'localhost' },
    });

  it('receives a mail sent with AUTH over STARTTLS', async () => {
    await transport().sendMail({
      from: '"پشتیبانی" <support@example.com>',
      to: 'ali@example.com',
      cc: 'sara@example.com',
      subject: SUBJECT,
      text: 'پاسخ شما',
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelope).toEqual({ from: 'support@example.com', to: ['ali@example.com', 'sara@example.com'] });
    expect(mail!.user).toBe('mailer');
    expect(mail!.secure).toBe(true);
    expect(mail!.parsed.subject).toBe(SUBJECT);
    expect(mail!.parsed.text?.trim()).toBe('پاسخ شما');
    expect(mail!.raw.toString()).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('refuses a bad password and simulates rejections', async () => {
    await expect(
      transport('nope').sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 535 });
    smtp.failNext(550, 'No such user');
    await expect(transport().sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' })).rejects.toMatchObject(
      { responseCode: 550 },
    );
    smtp.failNext(451, 'Later', 'rcpt');
    await expect(transport().sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' })).rejects.toMatchObject(
      { responseCode: 451 },
    );
    expect(smtp.received).toHaveLength(1);
  });
});
