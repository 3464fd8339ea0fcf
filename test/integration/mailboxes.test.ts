import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailboxes } from '../../src/db/schema';
import { Pop3Client } from '../../src/server/modules/mail/pop3-client';
import { freePort, startDovecot, type Dovecot } from '../helpers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/** F1, F3: mailboxes, write-only sealed passwords, and a connection test against real servers. */
const IMAP_PW = 'imap-Pw-7341';
const SMTP_PW = 'smtp-Pw-9902';

let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let caFile: string;
const bodies: string[] = [];

/** Every answer goes into `bodies`, checked for secrets at the end. */
const keep = <T extends { body: string }>(res: T) => (bodies.push(res.body), res);

beforeAll(async () => {
  t = await createTestApp();
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  admin.s.lang = 'en';
  [dovecot, smtp] = await Promise.all([
    startDovecot({ users: [{ user: 'alice', password: IMAP_PW }] }),
    startSmtpReceiver({ users: [{ user: 'mailer', password: SMTP_PW }], starttls: true }),
  ]);
  // The servers' self-signed certificates, trusted through MAIL_TLS_CA_FILE.
  caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, `${dovecot.caCertPem}\n${smtp.caCertPem}\n`);
  t.deps.config.mailTlsCaFile = caFile;
}, 60_000);
afterAll(async () => {
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
  await t?.close();
});

const imap = (over: Record<string, unknown> = {}) => ({
  protocol: 'imap',
  host: '127.0.0.1',
  port: dovecot.ports.imap,
  tls: 'starttls',
  username: 'alice',
  password: IMAP_PW,
  ...over,
});
const smtpOut = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: smtp.port,
  tls: 'starttls',
  auth: true,
  username: 'mailer',
  password: SMTP_PW,
  ...over,
});
const department = async (name: string) => (await admin.post('departments', { name })).json().id as string;

describe('mailboxes CRUD', () => {
  it('creates, reads, lists, patches (keeping passwords) and deletes', async () => {
    const dep = await department('Support mail');
    const res = keep(
      await admin.post('mailboxes', {
        departmentId: dep,
        address: 'Support@Example.COM',
        displayName: 'Support',
        inbound: imap(),
        outbound: smtpOut(),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const box = res.json();
    expect(box).toMatchObject({
      departmentId: dep,
      address: 'support@example.com',
      inbound: {
        protocol: 'imap',
        host: '127.0.0.1',
        port: dovecot.ports.imap,
        tls: 'starttls',
        username: 'alice',
        hasPassword: true,
        folder: 'INBOX',
        afterFetch: 'seen',
      },
      outbound: { host: '127.0.0.1', port: smtp.port, auth: true, username: 'mailer', hasPassword: true },
      fetchIntervalMinutes: 5,
      status: { lastError: null, consecutiveFailures: 0 },
    });
    expect(box.inbound).not.toHaveProperty('password');
    expect(box.outbound).not.toHaveProperty('password');

    // Sealed at rest: not the plain text, and opened only by the server.
    const [row] = await t.deps.database.db
      .select()
      .from(mailboxes)
      .where(eq(mailboxes.id, Number(box.id)));
    expect(row.inboundPasswordSealed).toMatch(/^v1\./);
    expect(row.inboundPasswordSealed).not.toContain(IMAP_PW);

    expect(keep(await admin.get(`mailboxes/${box.id}`)).json().id).toBe(box.id);
    const list = keep(await admin.get('mailboxes?pageSize=100')).json();
    expect(list.items.map((m: { id: string }) => m.id)).toContain(box.id);
    expect(keep(await admin.get(`mailboxes?departmentId=${dep}`)).json().total).toBe(1);

    // PATCH without passwords keeps them (and the test still signs in with them).
    const patched = keep(
      await admin.patch(`mailboxes/${box.id}`, { displayName: 'Help desk', inbound: { folder: 'INBOX' } }),
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      displayName: 'Help desk',
      inbound: { hasPassword: true, host: '127.0.0.1' },
      outbound: { hasPassword: true },
    });
    const [after] = await t.deps.database.db
      .select()
      .from(mailboxes)
      .where(eq(mailboxes.id, Number(box.id)));
    expect(after.inboundPasswordSealed).toBe(row.inboundPasswordSealed);
    const tested = keep(await admin.post(`mailboxes/${box.id}/test`));
    expect(tested.json(), tested.body).toMatchObject({ ok: true, inbound: { ok: true }, outbound: { ok: true } });

    // null clears a password (here: SMTP without authentication).
    const cleared = keep(
      await admin.patch(`mailboxes/${box.id}`, { outbound: { auth: false, username: null, password: null } }),
    );
    expect(cleared.json().outbound).toMatchObject({ auth: false, hasPassword: false, username: null });
    // A required password cannot be cleared.
    const refused = keep(await admin.patch(`mailboxes/${box.id}`, { inbound: { password: null } }));
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['inbound.password']);

    expect((await admin.del(`mailboxes/${box.id}`)).statusCode).toBe(204);
    expect((await admin.get(`mailboxes/${box.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`mailboxes/${box.id}`, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('one mailbox per department and one system account per workspace', async () => {
    const dep = await department('Sales mail');
    const body = {
      departmentId: dep,
      address: 'sales@example.com',
      outbound: smtpOut({ auth: false, username: undefined, password: undefined }),
    };
    expect((await admin.post('mailboxes', body)).statusCode).toBe(201);
    const dup = await admin.post('mailboxes', { ...body, address: 'other@example.com' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields.departmentId).toBe('This department already has a mailbox.');
    const system = keep(await admin.post('mailboxes', { address: 'noreply@example.com', outbound: smtpOut() }));
    expect(system.statusCode, system.body).toBe(201);
    expect(system.json().departmentId).toBeNull();
    expect(system.json().inbound.protocol).toBe('none');
    const second = await admin.post('mailboxes', {
      departmentId: null,
      address: 'noreply2@example.com',
      outbound: smtpOut(),
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.fields.departmentId).toBeDefined();
    expect(
      (await admin.post('mailboxes', { ...body, departmentId: '987654321' })).json().error.fields.departmentId,
    ).toBe('No such department.');
    expect((await admin.patch(`mailboxes/${system.json().id}`, {})).statusCode).toBe(400);
  });

  it('validates each field', async () => {
    const dep = await department('Validation mail');
    const res = await admin.post('mailboxes', {
      departmentId: dep,
      address: 'not-an-address',
      inbound: { protocol: 'imap', host: 'bad host!', port: 0, tls: 'ssl', username: 'a', password: 'b' },
      outbound: { host: 'smtp.example.com', port: 70000 },
      fetchIntervalMinutes: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual([
      'address',
      'fetchIntervalMinutes',
      'inbound.host',
      'inbound.port',
      'inbound.tls',
      'outbound.port',
    ]);
    expect(res.json().error.fields['inbound.port']).toBe('Enter a port between 1 and 65535.');
    // Required by protocol: IMAP needs host, user and password; SMTP with auth needs user and password.
    const missing = await admin.post('mailboxes', {
      departmentId: dep,
      address: 'v@example.com',
      inbound: { protocol: 'pop3', afterFetch: 'move' },
      outbound: { host: 'smtp.example.com' },
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual([
      'inbound.afterFetch',
      'inbound.host',
      'inbound.password',
      'inbound.username',
      'outbound.password',
      'outbound.username',
    ]);
    const noOut = await admin.post('mailboxes', { departmentId: dep, address: 'v@example.com' });
    expect(noOut.json().error.fields).toHaveProperty('outbound');
    const move = await admin.post('mailboxes', {
      departmentId: dep,
      address: 'v@example.com',
      inbound: imap({ afterFetch: 'move' }),
      outbound: smtpOut(),
    });
    expect(Object.keys(move.json().error.fields)).toEqual(['inbound.moveToFolder']);
  });

  it('needs mailboxes.manage', async () => {
    const level = await admin.post('access-levels', { name: 'no mail', permissions: ['tickets.reply'] });
    const agent = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: level.json().id });
    expect((await agent.client.get('mailboxes')).statusCode).toBe(403);
    expect((await agent.client.post('mailboxes', { address: 'x@example.com', outbound: smtpOut() })).statusCode).toBe(
      403,
    );
    const mailLevel = await admin.post('access-levels', { name: 'mail', permissions: ['mailboxes.manage'] });
    const mailAgent = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: mailLevel.json().id });
    expect((await mailAgent.client.get('mailboxes')).statusCode).toBe(200);
  });
});

describe('connection test against real servers', () => {
  let boxId: string;
  beforeAll(async () => {
    const dep = await department('Tested mail');
    const res = await admin.post('mailboxes', {
      departmentId: dep,
      address: 'tested@example.com',
      inbound: imap(),
      outbound: smtpOut(),
    });
    boxId = res.json().id;
  });
  const test = async (over: Record<string, unknown>) => {
    const res = keep(await admin.post(`mailboxes/${boxId}/test`, over));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('IMAP with STARTTLS and implicit TLS, SMTP with STARTTLS and AUTH: all ok', async () => {
    const r = await test({});
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, inbound: { ok: true }, outbound: { ok: true } });
    expect(r.message).toBe('Both directions work.');
    const tls = await test({ inbound: { tls: 'tls', port: dovecot.ports.imaps } });
    expect(tls.inbound, JSON.stringify(tls)).toMatchObject({ ok: true, port: dovecot.ports.imaps });
  });

  it('a wrong password fails at auth, both ways', async () => {
    const r = await test({ inbound: { password: 'wrong-password' }, outbound: { password: 'wrong-password' } });
    expect(r.ok).toBe(false);
    expect(r.inbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'auth' });
    expect(r.outbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'auth' });
    expect(r.inbound.message).toContain('refused the user name or password');
    // Nothing was saved: the stored settings still work.
    expect((await test({})).ok).toBe(true);
  });

  it('an unknown host fails at dns', async () => {
    const r = await test({ inbound: { host: 'no-such-host.invalid' }, outbound: { host: 'no-such-host.invalid' } });
    expect(r.inbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'dns', host: 'no-such-host.invalid' });
    expect(r.outbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'dns' });
  });

  it('a closed port fails at connect', async () => {
    const closed = await freePort();
    const r = await test({ inbound: { port: closed }, outbound: { port: closed } });
    expect(r.inbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'connect', code: 'ECONNREFUSED' });
    expect(r.outbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'connect' });
  });

  it('TLS to a plain port, or an untrusted certificate, fails at tls', async () => {
    const r = await test({ inbound: { tls: 'tls', port: dovecot.ports.imap }, outbound: { tls: 'tls' } });
    expect(r.inbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'tls' });
    expect(r.outbound, JSON.stringify(r)).toMatchObject({ ok: false, stage: 'tls' });
    t.deps.config.mailTlsCaFile = undefined;
    try {
      const untrusted = await test({ inbound: { tls: 'tls', port: dovecot.ports.imaps } });
      expect(untrusted.inbound, JSON.stringify(untrusted)).toMatchObject({ ok: false, stage: 'tls' });
      expect(untrusted.outbound, JSON.stringify(untrusted)).toMatchObject({ ok: false, stage: 'tls' });
    } finally {
      t.deps.config.mailTlsCaFile = caFile;
    }
  });

  it('POP3 with STLS and implicit TLS; a wrong POP3 password fails at auth', async () => {
    const stls = await test({ inbound: { protocol: 'pop3', port: dovecot.ports.pop3, tls: 'starttls' } });
    expect(stls.inbound, JSON.stringify(stls)).toMatchObject({ ok: true });
    const pop3s = await test({ inbound: { protocol: 'pop3', port: dovecot.ports.pop3s, tls: 'tls' } });
    expect(pop3s.inbound, JSON.stringify(pop3s)).toMatchObject({ ok: true });
    const wrong = await test({
      inbound: { protocol: 'pop3', port: dovecot.ports.pop3s, tls: 'tls', password: 'nope-nope' },
    });
    expect(wrong.inbound, JSON.stringify(wrong)).toMatchObject({ ok: false, stage: 'auth' });
  });

  it('tests unsaved settings before the first save, in Persian by default', async () => {
    const res = keep(
      await new Client(t, { ...admin.s, lang: 'fa' }).post('mailboxes/test', {
        address: 'new@example.com',
        inbound: imap({ password: 'bad-bad' }),
        outbound: smtpOut(),
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, inbound: { ok: false, stage: 'auth' }, outbound: { ok: true } });
    expect(res.json().inbound.message).toContain('نام کاربری یا گذرواژه را نپذیرفت');
  });

  it('the POP3 client reads, lists and deletes messages', async () => {
    await dovecot.deliver(
      'alice',
      'From: a@example.com\r\nTo: alice@example.com\r\nSubject: hi\r\nMessage-ID: <p1@example.com>\r\n\r\nline one\r\n.dotted line\r\n',
    );
    const pop = await Pop3Client.connect({
      host: '127.0.0.1',
      port: dovecot.ports.pop3s,
      tls: 'tls',
      ca: dovecot.caCertPem,
      allowPrivate: true,
    });
    await pop.login('alice', IMAP_PW);
    const stat = await pop.stat();
    expect(stat.count).toBeGreaterThanOrEqual(1);
    const uidl = await pop.uidl();
    expect(uidl).toHaveLength(stat.count);
    const raw = (await pop.retr(uidl[uidl.length - 1].n)).toString();
    expect(raw).toContain('Subject: hi');
    expect(raw).toContain('\r\n.dotted line\r\n');
    await pop.dele(uidl[uidl.length - 1].n);
    await pop.quit();
    const again = await Pop3Client.connect({
      host: '127.0.0.1',
      port: dovecot.ports.pop3,
      tls: 'starttls',
      ca: dovecot.caCertPem,
      allowPrivate: true,
    });
    await again.login('alice', IMAP_PW);
    expect((await again.stat()).count).toBe(stat.count - 1);
    await again.quit();
  });
});

describe('secrets', () => {
  it('no password or sealed value in any answer, audit row or log line', async () => {
    const sealed = (
      await t.deps.database.db.select().from(mailboxes).where(eq(mailboxes.workspaceId, workspaceId))
    ).flatMap((r) => [r.inboundPasswordSealed, r.smtpPasswordSealed].filter((s): s is string => !!s));
    expect(sealed.length).toBeGreaterThan(0);
    const audits = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(audits.some((a) => a.action === 'mailbox.created')).toBe(true);
    expect(audits.some((a) => a.action === 'mailbox.updated')).toBe(true);
    const haystacks = { answers: bodies.join('\n'), audit: JSON.stringify(audits), logs: t.logs.join('') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of [IMAP_PW, SMTP_PW, 'wrong-password', 'bad-bad', ...sealed])
        expect(text.includes(secret), `${where} holds a secret`).toBe(false);
      expect(text, where).not.toMatch(/passwordSealed|password_sealed/);
    }
  });
});
