import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDirectory, TDirectoryTestResult } from '../../src/contracts/directories';
import { addDirectory, directoryInput, tryLogin } from '../helpers/directory-fixtures';
import { freePort } from '../helpers/dovecot';
import { startSlapd, type Slapd } from '../helpers/slapd';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * Issue 18 (A5), point 1: the directories an admin manages (only an admin; the service
 * account's password is written, never answered), the connection test naming the stage that
 * failed against a real OpenLDAP, and another workspace that cannot see or use them.
 */
let t: TestApp;
let slapd: Slapd;
let slug: string;
let admin: Client;
let agent: Client;

beforeAll(async () => {
  [t, slapd] = await Promise.all([createTestApp(), startSlapd()]);
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  agent = (await makeUser(t, admin, slug, { role: 'agent' })).client;
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.close(), slapd?.stop()]);
});

describe('managing directories', () => {
  it('is for admins only: an agent gets 403 on every directory route', async () => {
    const dir = await addDirectory(admin, slapd, { name: 'for the agent' });
    const refused = [
      await agent.get('directories'),
      await agent.post('directories', directoryInput(slapd)),
      await agent.get(`directories/${dir.id}`),
      await agent.patch(`directories/${dir.id}`, { name: 'x' }),
      await agent.post(`directories/${dir.id}/test`),
      await agent.post(`directories/${dir.id}/sync`, { dryRun: true }),
      await agent.del(`directories/${dir.id}`),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(refused[1]!.json().error.code).toBe('forbidden');
    expect((await admin.get(`directories/${dir.id}`)).json().name).toBe('for the agent');
    expect((await admin.del(`directories/${dir.id}`)).statusCode).toBe(204);
  });

  it('creates with defaults, never answers the bind password, and lists in sign-in order', async () => {
    const created = await addDirectory(admin, slapd, { name: 'دوم', position: 2 });
    expect(created).toMatchObject({
      name: 'دوم',
      url: slapd.url,
      startTls: false,
      caCert: null,
      verifyTls: true,
      bindDn: slapd.reader.dn,
      bindPasswordSet: true,
      baseDn: slapd.baseDn,
      userFilter: '(&(objectClass=person)(|(sAMAccountName={login})(uid={login})(mail={login})))',
      attributes: { username: 'sAMAccountName', name: 'displayName', email: 'mail', mobile: 'mobile' },
      activeDirectory: false,
      nestedGroups: false,
      groupMappings: [],
      defaultRole: 'customer',
      syncIntervalMinutes: 0,
      active: true,
      position: 2,
      people: 0,
      lastSyncAt: null,
      lastSyncReport: null,
    });
    const first = await addDirectory(admin, slapd, { name: 'اول', position: 1 });
    const list = await admin.get('directories');
    expect(list.statusCode).toBe(200);
    const names = (list.json().items as TDirectory[]).map((d) => d.name);
    expect(names.indexOf('اول')).toBeLessThan(names.indexOf('دوم'));
    for (const body of [list.body, (await admin.get(`directories/${first.id}`)).body, JSON.stringify(created)]) {
      expect(body).not.toContain(slapd.reader.password);
      expect(body).not.toContain('bindPassword"');
    }
    await admin.del(`directories/${first.id}`);
    await admin.del(`directories/${created.id}`);
  });

  it('changes what a PATCH names only; an empty bind password removes it; DELETE removes the directory', async () => {
    const dir = await addDirectory(admin, slapd, {
      name: 'Campus',
      groupMappings: [{ groupDn: slapd.groupDn('helpdesk-admins'), role: 'admin' }],
    });
    const renamed = await admin.patch(`directories/${dir.id}`, { name: 'Campus AD', activeDirectory: true });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Campus AD',
      activeDirectory: true,
      bindPasswordSet: true,
      url: slapd.url,
      groupMappings: [
        { groupDn: slapd.groupDn('helpdesk-admins'), role: 'admin', accessLevelId: null, departmentIds: [] },
      ],
    });
    // The password kept through the rename still binds.
    expect((await admin.post(`directories/${dir.id}/test`)).json().ok).toBe(true);

    const anonymous = await admin.patch(`directories/${dir.id}`, { bindDn: '', bindPassword: '' });
    expect(anonymous.json().bindPasswordSet).toBe(false);

    expect((await admin.del(`directories/${dir.id}`)).statusCode).toBe(204);
    expect((await admin.get(`directories/${dir.id}`)).statusCode).toBe(404);
    expect((await admin.del(`directories/${dir.id}`)).statusCode).toBe(404);
  });

  it('refuses bad addresses, STARTTLS over ldaps, bad DNs and filters, and foreign mapping targets', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const res = await admin.post('directories', directoryInput(slapd, over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      return Object.keys(res.json().error.fields ?? {});
    };
    expect(await bad({ url: 'http://127.0.0.1:389' })).toContain('url');
    expect(await bad({ url: slapd.ldapsUrl, startTls: true })).toContain('startTls');
    expect(await bad({ baseDn: 'example.org' })).toContain('baseDn');
    expect(await bad({ userFilter: '(uid=*)' })).toContain('userFilter');
    expect(await bad({ userFilter: '(&(uid={login})' })).toContain('userFilter');
    expect(
      await bad({ groupMappings: [{ groupDn: slapd.groupDn('students'), role: 'agent', departmentIds: ['999999'] }] }),
    ).toContain('groupMappings.0.departmentIds');
  });
});

describe('the connection test', () => {
  const probe = async (over: Record<string, unknown>): Promise<TDirectoryTestResult> => {
    const dir = await addDirectory(admin, slapd, over);
    const res = await new Client(t, { ...admin.s, lang: 'en' }).post(`directories/${dir.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    await admin.del(`directories/${dir.id}`);
    return res.json();
  };

  it('reaches "done" with sample people as they would be taken in, and their roles', async () => {
    const r = await probe({
      activeDirectory: true,
      groupMappings: [{ groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' }],
    });
    expect(r.ok, r.message).toBe(true);
    expect(r.stage).toBe('done');
    expect(r.sampleUsers.length).toBeGreaterThan(0);
    expect(r.sampleUsers.length).toBeLessThanOrEqual(10);
    const ali = r.sampleUsers.find((u) => u.username === 'ali');
    expect(ali).toEqual({
      dn: slapd.user('ali').dn,
      username: 'ali',
      name: 'علی رضایی',
      email: 'ali@example.org',
      mobile: '09121234567',
      role: 'customer',
      disabled: false,
    });
    expect(r.sampleUsers.find((u) => u.username === 'sara')?.role).toBe('agent');
    expect(r.sampleUsers.find((u) => u.username === 'reza')?.disabled).toBe(true);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('verifies STARTTLS and LDAPS against the CA given', async () => {
    expect(await probe({ startTls: true, caCert: slapd.caCertPem })).toMatchObject({ ok: true, stage: 'done' });
    expect(await probe({ url: slapd.ldapsUrl, caCert: slapd.caCertPem })).toMatchObject({ ok: true, stage: 'done' });
  });

  it('names the stage that failed: bind, connect, dns, tls, search', async () => {
    const failures: Array<[string, Record<string, unknown>]> = [
      ['bind', { bindPassword: 'wrong-password' }],
      ['connect', { url: `ldap://127.0.0.1:${await freePort()}` }],
      ['dns', { url: 'ldap://no-such-host.invalid' }],
      ['tls', { url: slapd.ldapsUrl, caCert: slapd.otherCaPem }],
      ['tls', { startTls: true, caCert: slapd.otherCaPem }],
      // No CA given: the system's roots do not know the test CA either.
      ['tls', { url: slapd.ldapsUrl }],
      ['search', { baseDn: 'ou=nowhere,dc=example,dc=org' }],
    ];
    for (const [stage, over] of failures) {
      const r = await probe(over);
      expect({ stage: r.stage, ok: r.ok }, `${JSON.stringify(over)}: ${r.message}`).toEqual({ stage, ok: false });
      expect(r.sampleUsers).toEqual([]);
      expect(r.message.length).toBeGreaterThan(0);
      expect(r.message).not.toContain(slapd.reader.password);
    }
  });

  it('accepts any certificate when verification is turned off', async () => {
    const r = await probe({ url: slapd.ldapsUrl, caCert: slapd.otherCaPem, verifyTls: false });
    expect(r).toMatchObject({ ok: true, stage: 'done' });
  });
});

describe('another workspace', () => {
  it('cannot see, change, test, sync or sign in with the directory', async () => {
    const dir = await addDirectory(admin, slapd, { name: 'only ours' });
    const { slug: otherSlug } = await newWorkspace(t);
    const other = await signIn(t, otherSlug, 'admin', ADMIN_PASSWORD);
    expect((await other.get('directories')).json().items).toEqual([]);
    const missing = await other.get('directories/99999999');
    const probes = [
      await other.get(`directories/${dir.id}`),
      await other.patch(`directories/${dir.id}`, { name: 'taken' }),
      await other.post(`directories/${dir.id}/test`),
      await other.post(`directories/${dir.id}/sync`, {}),
      await other.del(`directories/${dir.id}`),
    ];
    for (const r of probes) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toEqual(missing.json());
    }
    // Ali is in our directory, not theirs.
    const there = await tryLogin(t, otherSlug, 'ali', 'ali-pass-1');
    expect(there.statusCode).toBe(401);
    const here = await tryLogin(t, slug, 'ali', 'ali-pass-1');
    expect(here.statusCode, here.body).toBe(200);
    expect((await admin.get(`directories/${dir.id}`)).json().name).toBe('only ours');
    await admin.del(`directories/${dir.id}`);
  });
});
