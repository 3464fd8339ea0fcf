import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, mailboxes, mailFetched, messages, tickets } from '../../src/db/schema';
import { fetchMailbox } from '../../src/server/modules/mail/intake/fetch-mailbox';
import { runFetchJob, scheduleDueFetches } from '../../src/server/modules/mail/intake/fetch.job';
import { bWord, raw } from '../../src/server/modules/mail/inbound/test-mails';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { ticketWorld, type TicketWorld } from '../helpers/tickets';

/** F2: intake from a real private Dovecot, IMAP and POP3. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PW = 'box-Pw-5521';
let t: TestApp;
let w: TicketWorld;
let dovecot: Dovecot;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  dovecot = await startDovecot({
    users: ['imapbox', 'popbox', 'racebox', 'badbox', 'jobbox', 'procbox'].map((user) => ({ user, password: PW })),
  });
  const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, dovecot.caCertPem);
  t.deps.config.mailTlsCaFile = caFile;
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
  await t?.close();
});

const db = () => t.deps.database.db;
const alice = () => `alice-${w.slug}@example.com`;
const bob = () => `bob-${w.slug}@example.com`;

async function mailbox(user: string, protocol: 'imap' | 'pop3', over: Record<string, unknown> = {}) {
  const dep = (await w.admin.post('departments', { name: `Mail ${user}` })).json();
  const res = await w.admin.post('mailboxes', {
    departmentId: dep.id,
    address: `${user}@pishkhan.test`,
    inbound: {
      protocol,
      host: '127.0.0.1',
      port: protocol === 'imap' ? dovecot.ports.imap : dovecot.ports.pop3,
      tls: 'starttls',
      username: user,
      password: PW,
      ...over,
    },
    outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: Number(res.json().id), departmentId: Number(dep.id) };
}

function mail(o: { from: string; subject?: string; messageId?: string; headers?: string[]; body?: string }) {
  const id = o.messageId ?? `<m${++seq}.${Date.now()}@client.example>`;
  return raw(
    [
      `From: ${o.from}`,
      'To: support@pishkhan.test',
      `Subject: ${o.subject ?? 'Help please'}`,
      `Message-ID: ${id}`,
      'Date: Tue, 01 Oct 2024 10:00:00 +0330',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      ...(o.headers ?? []),
    ],
    o.body ?? 'My printer is broken.',
  );
}

const fetch = (mailboxId: number) => fetchMailbox(t.deps, { workspaceId: w.workspaceId, mailboxId });
const ticketOf = async (number: number) =>
  (
    await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, number)))
  )[0];
const lastFetched = async (mailboxId: number) =>
  (await db().select().from(mailFetched).where(eq(mailFetched.mailboxId, mailboxId)).orderBy(mailFetched.id)).at(-1)!;
const threadOf = async (ticketId: number) =>
  db().select().from(messages).where(eq(messages.ticketId, ticketId)).orderBy(messages.id);

describe('IMAP intake', () => {
  let box: { id: number; departmentId: number };
  let aliceTicket: number;
  beforeAll(async () => {
    box = await mailbox('imapbox', 'imap');
  });

  it('opens tickets for a customer and for a guest, and marks the mails seen', async () => {
    await dovecot.deliver(
      'imapbox',
      mail({ from: `Alice <${alice()}>`, messageId: '<first-alice@client.example>', subject: 'Printer' }),
    );
    await dovecot.deliver(
      'imapbox',
      mail({ from: 'Stranger Danger <stranger@elsewhere.example>', subject: 'Question' }),
    );
    const r = await fetch(box.id);
    expect(r.counts, JSON.stringify(r)).toMatchObject({ ticket: 2, quarantined: 0 });
    const rows = await db().select().from(mailFetched).where(eq(mailFetched.mailboxId, box.id)).orderBy(mailFetched.id);
    const [a, g] = await Promise.all(rows.map((x) => ticketOf(x.ticketNumber!)));
    expect(a).toMatchObject({
      departmentId: box.departmentId,
      requesterId: Number(w.alice.id),
      subject: 'Printer',
      status: 'active',
    });
    expect(g).toMatchObject({
      departmentId: box.departmentId,
      requesterId: null,
      guestEmail: 'stranger@elsewhere.example',
      guestName: 'Stranger Danger',
    });
    const [m] = await threadOf(a.id);
    expect(m).toMatchObject({
      authorKind: 'customer',
      authorId: Number(w.alice.id),
      emailMessageId: 'first-alice@client.example',
    });
    expect(m.bodyHtml).toContain('printer is broken');
    expect((await dovecot.listMessages('imapbox')).every((x) => x.flags.includes('\\Seen'))).toBe(true);
    aliceTicket = a.number;
    const st = (await db().select().from(mailboxes).where(eq(mailboxes.id, box.id)))[0];
    expect(st).toMatchObject({ consecutiveFailures: 0, lastError: null, fetchingUntil: null });
    expect(st.lastFetchAt).not.toBeNull();
  });

  it('a reply with In-Reply-To joins the ticket', async () => {
    await dovecot.deliver(
      'imapbox',
      mail({
        from: alice(),
        subject: 'Re: Printer',
        headers: ['In-Reply-To: <first-alice@client.example>'],
        body: 'Still broken.',
      }),
    );
    expect((await fetch(box.id)).counts).toMatchObject({ reply: 1, ticket: 0 });
    const tk = await ticketOf(aliceTicket);
    expect(tk.messageCount).toBe(2);
  });

  it('[#N] in the subject joins only when the requester writes', async () => {
    await dovecot.deliver('imapbox', mail({ from: alice(), subject: `Re: [#${aliceTicket}] Printer`, body: 'Third.' }));
    expect((await fetch(box.id)).counts).toMatchObject({ reply: 1, ticket: 0 });
    expect((await ticketOf(aliceTicket)).messageCount).toBe(3);
    await dovecot.deliver(
      'imapbox',
      mail({ from: bob(), subject: `Re: [#${aliceTicket}] Printer`, body: 'Not mine.' }),
    );
    expect((await fetch(box.id)).counts).toMatchObject({ reply: 0, ticket: 1 });
    const other = await ticketOf((await lastFetched(box.id)).ticketNumber!);
    expect(other.requesterId).toBe(Number(w.bob.id));
    expect((await ticketOf(aliceTicket)).messageCount).toBe(3);
  });

  it('never imports twice: by UID and by Message-ID', async () => {
    expect((await fetch(box.id)).counts).toMatchObject({ ticket: 0, reply: 0, ignored: 0, duplicate: 0 });
    const same = mail({ from: 'twice@elsewhere.example', messageId: '<same-twice@client.example>' });
    await dovecot.deliver('imapbox', same);
    await dovecot.deliver('imapbox', same);
    expect((await fetch(box.id)).counts).toMatchObject({ ticket: 1, duplicate: 1 });
    const count = await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.guestEmail, 'twice@elsewhere.example')));
    expect(count).toHaveLength(1);
  });

  it('auto-replies, bounces and list mail open no ticket', async () => {
    await dovecot.deliver(
      'imapbox',
      mail({ from: alice(), headers: ['Auto-Submitted: auto-replied'], subject: 'Out of office' }),
    );
    await dovecot.deliver(
      'imapbox',
      mail({ from: 'MAILER-DAEMON@mx.example', subject: 'Undelivered Mail Returned to Sender' }),
    );
    await dovecot.deliver(
      'imapbox',
      mail({ from: 'news@list.example', headers: ['List-Id: <news.list.example>'], subject: 'Newsletter' }),
    );
    expect((await fetch(box.id)).counts).toMatchObject({ ignored: 3, ticket: 0, reply: 0 });
  });

  it('a garbage message is quarantined with its raw bytes and the next one is still imported', async () => {
    await dovecot.deliver('imapbox', raw(['Subject: no sender at all', 'Message-ID: <garbage@x>'], 'junk'));
    await dovecot.deliver('imapbox', mail({ from: 'after-garbage@elsewhere.example' }));
    expect((await fetch(box.id)).counts).toMatchObject({ quarantined: 1, ticket: 1 });
    const [q] = await db()
      .select()
      .from(mailFetched)
      .where(and(eq(mailFetched.mailboxId, box.id), eq(mailFetched.outcome, 'quarantined')));
    expect(q.error).toMatch(/unparsable|from/i);
    const chunks: Buffer[] = [];
    for await (const c of await t.deps.storage.get(q.rawStorageKey!)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('no sender at all');
    // And not again.
    expect((await fetch(box.id)).counts).toMatchObject({ quarantined: 0, ticket: 0 });
  });

  it('a Persian RFC 2047 subject round-trips', async () => {
    const subject = 'چاپگر کار نمی‌کند';
    await dovecot.deliver('imapbox', mail({ from: alice(), subject: bWord(subject) }));
    expect((await fetch(box.id)).counts.ticket).toBe(1);
    expect((await ticketOf((await lastFetched(box.id)).ticketNumber!)).subject).toBe(subject);
  });

  it('an oversized attachment is not kept and a note says so', async () => {
    const boundary = 'b0undary';
    const big = Buffer.alloc(Math.ceil(2.5 * 1024 * 1024), 'a')
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const small = Buffer.from('hello file\n').toString('base64');
    await dovecot.deliver(
      'imapbox',
      raw(
        [
          'From: guest-files@elsewhere.example',
          'To: support@pishkhan.test',
          'Subject: files',
          `Message-ID: <files${Date.now()}@x>`,
          'MIME-Version: 1.0',
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
        ],
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'See attached.',
          `--${boundary}`,
          'Content-Type: text/plain; name="small.txt"',
          'Content-Disposition: attachment; filename="small.txt"',
          'Content-Transfer-Encoding: base64',
          '',
          small,
          `--${boundary}`,
          'Content-Type: text/plain; name="big.txt"',
          'Content-Disposition: attachment; filename="big.txt"',
          'Content-Transfer-Encoding: base64',
          '',
          big,
          `--${boundary}--`,
          '',
        ],
      ),
    );
    expect((await fetch(box.id)).counts.ticket).toBe(1);
    const tk = await ticketOf((await lastFetched(box.id)).ticketNumber!);
    const stored = await db().select().from(files).where(eq(files.ticketId, tk.id));
    expect(stored.map((f) => f.name)).toEqual(['small.txt']);
    const note = (await threadOf(tk.id)).find((m) => m.kind === 'note');
    expect(note?.bodyHtml).toContain('big.txt');
  });

  it('POST /mailboxes/fetch queues fetches', async () => {
    const one = await w.admin.post('mailboxes/fetch', { mailboxId: String(box.id) });
    expect(one.statusCode, one.body).toBe(202);
    expect(one.json().queued).toEqual([String(box.id)]);
    const all = await w.admin.post('mailboxes/fetch', {});
    expect(all.statusCode).toBe(202);
    expect(all.json().queued).toContain(String(box.id));
    expect((await w.admin.post('mailboxes/fetch', { mailboxId: '999999999' })).statusCode).toBe(404);
  });
});

describe('POP3 intake', () => {
  it('imports by UIDL, leaves the messages on the server, never twice', async () => {
    const box = await mailbox('popbox', 'pop3');
    await dovecot.deliver('popbox', mail({ from: alice(), subject: 'Via POP3' }));
    await dovecot.deliver('popbox', mail({ from: 'pop-guest@elsewhere.example', subject: 'Also POP3' }));
    const r = await fetch(box.id);
    expect(r.counts, JSON.stringify(r)).toMatchObject({ ticket: 2 });
    expect((await fetch(box.id)).counts.ticket).toBe(0);
    expect(await dovecot.listMessages('popbox')).toHaveLength(2);
    await dovecot.deliver('popbox', mail({ from: alice(), subject: 'Third POP3' }));
    expect((await fetch(box.id)).counts.ticket).toBe(1);
  });
});

describe('one fetch at a time', () => {
  it('two fetches started at once: one imports, the other finds the lease taken', async () => {
    const box = await mailbox('racebox', 'imap');
    for (let i = 0; i < 5; i++) await dovecot.deliver('racebox', mail({ from: `race${i}@elsewhere.example` }));
    const [a, b] = await Promise.all([fetch(box.id), fetch(box.id)]);
    expect([a.skipped, b.skipped].filter((s) => s === 'busy')).toHaveLength(1);
    expect(a.counts.ticket + b.counts.ticket).toBe(5);
    expect(await db().select().from(mailFetched).where(eq(mailFetched.mailboxId, box.id))).toHaveLength(5);
    expect((await fetch(box.id)).skipped).toBeUndefined();
  });
});

describe('one fetch at a time across processes', () => {
  it('a fetch in another process and one here, started together: the mails are imported once', async () => {
    const box = await mailbox('procbox', 'imap');
    const N = 40;
    for (let i = 0; i < N; i++)
      await dovecot.deliver('procbox', mail({ from: `proc${i}@elsewhere.example`, subject: `Two processes ${i}` }));
    const other = spawn(TSX, [join(ROOT, 'test/helpers/fetch-process.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        LOG_LEVEL: 'warn',
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        SECRET_KEY: t.deps.config.secretKey,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'pishkhan-proc-')),
        MAIL_TLS_CA_FILE: t.deps.config.mailTlsCaFile!,
        WORKSPACE_ID: String(w.workspaceId),
        MAILBOX_ID: String(box.id),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    other.stdout!.on('data', (d) => (out += d));
    other.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => other.on('exit', resolve));
    for (let i = 0; i < 300 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out, err).toContain('ready');
    other.stdin!.write('go\n');
    const here = await fetch(box.id);
    expect(await exited, err).toBe(0);
    const there = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as Awaited<ReturnType<typeof fetch>>;
    // The two overlapped: one found the other's lease; every mail was imported exactly once.
    expect(
      [here.skipped, there.skipped].filter((s) => s === 'busy'),
      JSON.stringify({ here, there }),
    ).toHaveLength(1);
    expect(here.counts.ticket + there.counts.ticket).toBe(N);
    expect(here.counts.duplicate + there.counts.duplicate).toBe(0);
    const rows = await db().select().from(mailFetched).where(eq(mailFetched.mailboxId, box.id));
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.ticketNumber)).size).toBe(N);
    const made = await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.departmentId, box.departmentId)));
    expect(made).toHaveLength(N);
  }, 60_000);
});

describe('connection failures', () => {
  it('a wrong password is counted, shown and backs off', async () => {
    const box = await mailbox('badbox', 'imap', { password: 'wrong-password' });
    const r1 = await fetch(box.id);
    expect(r1.error).toBeTruthy();
    const [s1] = await db().select().from(mailboxes).where(eq(mailboxes.id, box.id));
    expect(s1.consecutiveFailures).toBe(1);
    expect(s1.lastError).toBeTruthy();
    expect(s1.lastError).not.toContain('wrong-password');
    const now = t.deps.clock.now().getTime();
    expect(s1.nextFetchAt!.getTime()).toBe(now + 5 * 60_000 * 2);
    await fetch(box.id);
    const [s2] = await db().select().from(mailboxes).where(eq(mailboxes.id, box.id));
    expect(s2.consecutiveFailures).toBe(2);
    expect(s2.nextFetchAt!.getTime()).toBe(now + 5 * 60_000 * 4);
    expect(s2.fetchingUntil).toBeNull();
    // Not due: the scheduler leaves it until its next_fetch_at.
    expect(await scheduleDueFetches(t.deps)).not.toContain(box.id);
    t.clock.advance(5 * 60_000 * 4 + 1000);
    expect(await scheduleDueFetches(t.deps)).toContain(box.id);
  });
});

describe('the mail.fetch job', () => {
  it('runs a fetch for its mailbox', async () => {
    const box = await mailbox('jobbox', 'imap');
    await dovecot.deliver('jobbox', mail({ from: 'job@elsewhere.example' }));
    await runFetchJob(t.deps)({ workspaceId: w.workspaceId, mailboxId: box.id });
    expect((await lastFetched(box.id)).outcome).toBe('ticket');
  });
});
