import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchImap, fetchPop3 } from '../../src/server/modules/mail/intake/mail-sources';
import { MailConnectError } from '../../src/server/modules/mail/mail-socket';
import { mailboxSmtpMailer } from '../../src/server/modules/mail/smtp-probe';
import { isPublicAddress, resolveTarget, TargetNotAllowed } from '../../src/server/platform/net-guard';
import { ADMIN_PASSWORD, Client, createTestApp, newWorkspace, signIn, type TestApp } from '../helpers/test-app';

/**
 * Issue 12, point 5: servers an administrator enters may not be loopback, private, link-local
 * or reserved addresses (unless ALLOW_PRIVATE_NETWORK_TARGETS=true), checked after name lookup;
 * and the answer of "test connection" never repeats what the server said.
 */
let t: TestApp;
let admin: Client;
let adminFa: Client;

/** A TCP server on 127.0.0.1 that greets with a "secret" banner and counts connections. */
interface Fake {
  port: number;
  connections: number;
  server: Server;
}
const fakes: Fake[] = [];
async function fakeServer(greeting: string, reply: string): Promise<Fake> {
  const fake = { port: 0, connections: 0 } as Fake;
  fake.server = createServer((s: Socket) => {
    fake.connections++;
    s.on('error', () => undefined);
    s.write(greeting);
    s.on('data', () => s.write(reply));
  });
  await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
  fake.port = (fake.server.address() as AddressInfo).port;
  fakes.push(fake);
  return fake;
}

beforeAll(async () => {
  t = await createTestApp('postgres', { ALLOW_PRIVATE_NETWORK_TARGETS: 'false' });
  const { slug } = await newWorkspace(t);
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  admin.s.lang = 'en';
  adminFa = new Client(t, { ...admin.s, lang: 'fa' });
}, 60_000);
afterEach(() => {
  t.deps.config.allowPrivateNetworkTargets = false;
});
afterAll(async () => {
  for (const f of fakes) f.server.close();
  await t?.close();
});

const settings = (host: string, inPort: number, outPort: number) => ({
  address: 'probe@example.com',
  inbound: { protocol: 'imap', host, port: inPort, tls: 'none', username: 'u', password: 'p' },
  outbound: { host, port: outPort, tls: 'none', auth: true, username: 'u', password: 'p' },
});

describe('addresses', () => {
  it('classifies loopback, private, link-local, CGNAT, multicast and reserved ranges, IPv4 and IPv6', () => {
    for (const ip of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.254',
      '0.0.0.0',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'febf::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:c0a8:101::1',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(ip), ip).toBe(true);
  });

  it('checks every address a name resolves to, and only allows them with the switch', async () => {
    await expect(resolveTarget('localhost', { allowPrivate: false })).rejects.toBeInstanceOf(TargetNotAllowed);
    await expect(resolveTarget('127.0.0.1', { allowPrivate: false })).rejects.toBeInstanceOf(TargetNotAllowed);
    await expect(resolveTarget('[::1]', { allowPrivate: false })).rejects.toBeInstanceOf(TargetNotAllowed);
    const allowed = await resolveTarget('localhost', { allowPrivate: true });
    expect(['127.0.0.1', '::1']).toContain(allowed.address);
  });
});

describe('test connection', () => {
  it('refuses loopback and metadata addresses at a new stage, without connecting, in both languages', async () => {
    const fake = await fakeServer('* OK SECRET-BANNER imap ready\r\n', '');
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await admin.post('mailboxes/test', settings(host, fake.port, fake.port));
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.inbound, res.body).toMatchObject({ ok: false, stage: 'blocked', code: 'EADDRNOTALLOWED' });
      expect(r.outbound, res.body).toMatchObject({ ok: false, stage: 'blocked', code: 'EADDRNOTALLOWED' });
      expect(r.inbound.message).toContain('not allowed');
      // The address a name resolved to is not shown either.
      if (host === 'localhost') expect(res.body).not.toMatch(/127\.0\.0\.1|::1/);
    }
    const metadata = await adminFa.post('mailboxes/test', settings('169.254.169.254', 80, 80));
    expect(metadata.json().inbound).toMatchObject({ ok: false, stage: 'blocked' });
    expect(metadata.json().inbound.message).toContain('مجاز نیست');
    expect(fake.connections).toBe(0);
  });

  it('the mail fetch and send paths refuse too', async () => {
    const fake = await fakeServer('* OK SECRET-BANNER\r\n', '');
    const config = { mailTlsCaFile: undefined, allowPrivateNetworkTargets: false };
    const inbound = {
      host: '127.0.0.1',
      port: fake.port,
      tls: 'none' as const,
      username: 'u',
      password: 'p',
      folder: 'INBOX',
      afterFetch: 'seen' as const,
      moveToFolder: null,
    };
    const none = async () => new Set<string>();
    for (const fetch of [fetchImap, fetchPop3]) {
      const err = await fetch({ ...inbound, protocol: 'imap' }, config, none, async () => undefined).catch((e) => e);
      expect(err).toBeInstanceOf(MailConnectError);
      expect(err.stage).toBe('blocked');
    }
    const mailer = mailboxSmtpMailer(
      { host: 'localhost', port: fake.port, tls: 'none', allowPrivate: false },
      null,
      'probe@example.com',
    );
    const sent = await mailer.send({ to: 'x@example.com', subject: 's', text: 't' }).catch((e) => e);
    expect(sent).toBeInstanceOf(MailConnectError);
    expect(sent.stage).toBe('blocked');
    expect(fake.connections).toBe(0);
  });

  it('with ALLOW_PRIVATE_NETWORK_TARGETS=true it connects, but never repeats the server’s words', async () => {
    t.deps.config.allowPrivateNetworkTargets = true;
    const imap = await fakeServer('* OK SECRET-BANNER internal service\r\n', 'p1 NO SECRET-REPLY go away\r\n');
    const smtp = await fakeServer('554 SECRET-BANNER no service here\r\n', '554 SECRET-REPLY\r\n');
    const res = await admin.post('mailboxes/test', settings('127.0.0.1', imap.port, smtp.port));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.inbound, res.body).toMatchObject({ ok: false, stage: 'auth', code: 'NO' });
    expect(r.outbound.ok, res.body).toBe(false);
    expect(r.outbound.stage, res.body).not.toBe('blocked');
    expect(res.body).not.toContain('SECRET');
    expect(imap.connections).toBe(1);
    expect(smtp.connections).toBe(1);
    // A non-IMAP service (a banner that is not a greeting): stage protocol, banner not echoed.
    const redis = await fakeServer('-ERR SECRET-BANNER redis says hello\r\n', '');
    const other = await admin.post('mailboxes/test', settings('127.0.0.1', redis.port, smtp.port));
    expect(other.json().inbound, other.body).toMatchObject({ ok: false, stage: 'protocol' });
    expect(other.body).not.toContain('SECRET');
  });
});
