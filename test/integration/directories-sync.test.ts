import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDirectory } from '../../src/contracts/directories';
import type { TUser } from '../../src/contracts/people';
import { accountOf, addDirectory, clientOf, tryLogin } from '../helpers/directory-fixtures';
import { freePort } from '../helpers/dovecot';
import { startSlapd, type Slapd } from '../helpers/slapd';
import { ADMIN_PASSWORD, Client, createTestApp, newWorkspace, signIn, type TestApp } from '../helpers/test-app';

/**
 * Issue 18 (A5), point 3: a sync against a real OpenLDAP — a preview changes nothing; a sync
 * creates, updates, deactivates (never deletes) and reactivates accounts, and is kept on the
 * directory; a directory that cannot be searched, or finds nobody, deactivates no one.
 * The steps build on each other, in order, on a slapd of this file's own.
 */
let t: TestApp;
let slapd: Slapd;
let admin: Client;
let slug: string;
let dir: TDirectory;

/** The seeded people: seven, of whom reza is disabled (AD 514) and so never gets an account. */
const SEEDED = 7;

const sync = async (body: Record<string, unknown> = {}) => {
  const res = await admin.post(`directories/${dir.id}/sync`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const account = async (username: string): Promise<TUser> => {
  const u = await accountOf(admin, username);
  expect(u, username).toBeDefined();
  return u!;
};

beforeAll(async () => {
  [t, slapd] = await Promise.all([createTestApp(), startSlapd()]);
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  dir = await addDirectory(admin, slapd, {
    activeDirectory: true,
    groupMappings: [
      { groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' },
      { groupDn: slapd.groupDn('helpdesk-admins'), role: 'admin' },
    ],
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.close(), slapd?.stop()]);
});

describe('directory sync', () => {
  it('previews with dryRun: reports what it would do and changes nothing', async () => {
    const before = (await admin.get('users?pageSize=1')).json().total;
    const preview = await sync({ dryRun: true });
    expect(preview).toMatchObject({
      dryRun: true,
      created: SEEDED - 1,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
      skipped: 1,
      seen: SEEDED,
    });
    expect(preview.samples).toContainEqual({ username: 'ali', change: 'created' });
    expect((await admin.get('users?pageSize=1')).json().total).toBe(before);
    expect(await accountOf(admin, 'ali')).toBeUndefined();
    expect((await admin.get(`directories/${dir.id}`)).json()).toMatchObject({
      lastSyncAt: null,
      lastSyncReport: null,
      people: 0,
    });
  });

  it('creates the accounts with their roles and keeps the report on the directory', async () => {
    const report = await sync();
    expect(report).toMatchObject({ dryRun: false, created: SEEDED - 1, skipped: 1, seen: SEEDED, deactivated: 0 });
    expect(await account('ali')).toMatchObject({ name: 'علی رضایی', role: 'customer', mobile: '09121234567' });
    expect((await account('sara')).role).toBe('agent');
    expect((await account('neda')).role).toBe('admin');
    expect(await accountOf(admin, 'reza')).toBeUndefined();

    const shown = (await admin.get(`directories/${dir.id}`)).json() as TDirectory;
    expect(shown.lastSyncAt).not.toBeNull();
    const { dryRun: _, ...kept } = report;
    expect(shown.lastSyncReport).toEqual(kept);
    expect(shown.lastSyncError).toBeNull();
    expect(shown.people).toBe(SEEDED - 1);

    // Nothing changed since: a second sync touches nobody.
    expect(await sync()).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: SEEDED - 1 });
  });

  it('updates a name changed in the directory and a role from a group change', async () => {
    const renamed = 'علی رضایی‌نژاد';
    await slapd.modify(
      [
        `dn: ${slapd.user('ali').dn}`,
        'changetype: modify',
        'replace: displayName',
        `displayName:: ${Buffer.from(renamed).toString('base64')}`,
        '-',
        '',
      ].join('\n'),
    );
    await slapd.removeFromGroup('sara', 'helpdesk-agents');
    const report = await sync();
    expect(report).toMatchObject({ created: 0, updated: 2, deactivated: 0 });
    expect(report.samples).toEqual(
      expect.arrayContaining([
        { username: 'ali', change: 'updated' },
        { username: 'sara', change: 'updated' },
      ]),
    );
    expect((await account('ali')).name).toBe(renamed);
    expect(await account('sara')).toMatchObject({ role: 'customer', departmentIds: [] });
    await slapd.addToGroup('sara', 'helpdesk-agents');
    expect(await sync()).toMatchObject({ updated: 1 });
    expect((await account('sara')).role).toBe('agent');
  });

  it('deactivates, never deletes, a person removed from the directory, and ends their sessions', async () => {
    const kaveh = await account('kaveh');
    const session = clientOf(t, slug, await tryLogin(t, slug, 'kaveh', 'kaveh-pass-1'));
    await slapd.removeUser('kaveh');

    const preview = await sync({ dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, deactivated: 1, created: 0, updated: 0 });
    expect(preview.samples).toContainEqual({ username: 'kaveh', change: 'deactivated' });
    expect((await admin.get(`users/${kaveh.id}`)).json().active).toBe(true);

    expect(await sync()).toMatchObject({ deactivated: 1, created: 0, updated: 0, seen: SEEDED - 1 });
    const kept = await admin.get(`users/${kaveh.id}`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ username: 'kaveh', active: false });
    expect((await session.get('auth/me')).statusCode).toBe(401);
    expect((await tryLogin(t, slug, 'kaveh', 'kaveh-pass-1')).statusCode).toBe(401);
    expect((await admin.get(`directories/${dir.id}`)).json().people).toBe(SEEDED - 2);
  });

  it('reactivates the same account when the person comes back', async () => {
    const kaveh = await account('kaveh');
    await slapd.restoreUser('kaveh');
    const report = await sync();
    expect(report).toMatchObject({ created: 0, updated: 1, deactivated: 0 });
    expect(await account('kaveh')).toMatchObject({ id: kaveh.id, active: true });
    expect((await tryLogin(t, slug, 'kaveh', 'kaveh-pass-1')).statusCode).toBe(200);
  });

  it('carries the account on when an entry is deleted and re-created under the same username', async () => {
    // AD admins delete and re-create accounts: the new entry has a new objectGUID / entryUUID.
    const p = await slapd.addUser({ uid: 'mina', name: 'مینا', email: 'mina@example.org', password: 'mina-pass-1' });
    expect(await sync()).toMatchObject({ created: 1 });
    const mina = await account('mina');
    await slapd.removeUser('mina');
    expect(await sync()).toMatchObject({ deactivated: 1 });
    await slapd.addUser({ uid: 'mina', name: 'مینا نو', email: p.email, password: 'mina-pass-2' });
    expect(await sync()).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect(await account('mina')).toMatchObject({ id: mina.id, name: 'مینا نو', active: true });
    expect((await tryLogin(t, slug, 'mina', 'mina-pass-2')).statusCode).toBe(200);
  });

  it('keeps direct members in their role when nested groups are asked of a server without AD’s rule', async () => {
    await admin.patch(`directories/${dir.id}`, { nestedGroups: true });
    const report = await sync();
    expect(report).toMatchObject({ updated: 0, deactivated: 0 });
    expect((await account('sara')).role).toBe('agent');
    expect((await tryLogin(t, slug, 'sara', 'sara-pass-1')).json().user.role).toBe('agent');
    await admin.patch(`directories/${dir.id}`, { nestedGroups: false });
  });

  it('deactivates a disabled entry and reactivates it when enabled again', async () => {
    await slapd.setDisabled('ali', true);
    expect(await sync()).toMatchObject({ deactivated: 1 });
    expect((await account('ali')).active).toBe(false);
    await slapd.setDisabled('ali', false);
    expect(await sync()).toMatchObject({ updated: 1 });
    expect((await account('ali')).active).toBe(true);
  });

  it('keeps an admin’s own deactivation: the directory does not undo it', async () => {
    const neda = await account('neda');
    expect((await admin.patch(`users/${neda.id}`, { active: false })).statusCode).toBe(200);
    await sync();
    expect((await account('neda')).active).toBe(false);
    await admin.patch(`users/${neda.id}`, { active: true });
  });

  it('deactivates no one when the directory cannot be reached, or its search finds nobody', async () => {
    const active = (await admin.get('users?active=true&pageSize=1')).json().total;

    await admin.patch(`directories/${dir.id}`, { url: `ldap://127.0.0.1:${await freePort()}` });
    const down = await admin.post(`directories/${dir.id}/sync`, {});
    expect(down.statusCode, down.body).toBe(502);
    expect(down.json().error).toMatchObject({ code: 'directory_unavailable', details: { stage: 'connect' } });

    await admin.patch(`directories/${dir.id}`, { url: slapd.url, baseDn: `ou=system,${slapd.baseDn}` });
    const empty = await admin.post(`directories/${dir.id}/sync`, {});
    expect(empty.statusCode, empty.body).toBe(502);
    expect(empty.json().error.code).toBe('directory_unavailable');

    expect((await admin.get('users?active=true&pageSize=1')).json().total).toBe(active);
    const shown = (await admin.get(`directories/${dir.id}`)).json() as TDirectory;
    expect(shown.lastSyncError).toBeTruthy();
    expect(shown.lastSyncReport).not.toBeNull(); // the last good report stays

    await admin.patch(`directories/${dir.id}`, { baseDn: slapd.baseDn });
    expect(await sync()).toMatchObject({ deactivated: 0, created: 0 });
    expect((await admin.get(`directories/${dir.id}`)).json().lastSyncError).toBeNull();
  });
});
