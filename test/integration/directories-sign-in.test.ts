import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { hashPassword } from '../../src/server/platform/crypto';
import { accountOf, addDirectory, clientOf, freshAddress, hasSession, tryLogin } from '../helpers/directory-fixtures';
import { freePort } from '../helpers/dovecot';
import { startSlapd, type Slapd } from '../helpers/slapd';
import { ADMIN_PASSWORD, Client, createTestApp, newWorkspace, signIn, unique, type TestApp } from '../helpers/test-app';

/**
 * Issue 18 (A5), point 1: signing in with a directory account against a real OpenLDAP — the
 * account made at the first sign-in from the entry and its groups, refusals that look exactly
 * like a wrong password (injection attempts included), the directory deciding the password,
 * disabled entries, several directories in order, TLS, and the sign-in rate limits.
 */
let t: TestApp;
let slapd: Slapd;
let slug: string;
let admin: Client;
let level: { id: string };
let depts: string[];

/** A fresh person in the directory (uid and password of their own). */
const newPerson = async (groups: string[] = []) => {
  const uid = unique('p');
  const password = `${uid}-secret`;
  await slapd.addUser({ uid, name: `کاربر ${uid}`, email: `${uid}@example.org`, password, groups });
  return { uid, password };
};
const what = (res: { statusCode: number; json(): unknown }) => ({ status: res.statusCode, body: res.json() });

beforeAll(async () => {
  [t, slapd] = await Promise.all([createTestApp(), startSlapd()]);
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  level = (await admin.post('access-levels', { name: 'کارشناس پشتیبانی', permissions: ['tickets.reply'] })).json();
  depts = [
    (await admin.post('departments', { name: 'پشتیبانی فنی' })).json().id,
    (await admin.post('departments', { name: 'امور مالی' })).json().id,
  ];
  await addDirectory(admin, slapd, {
    activeDirectory: true,
    groupMappings: [
      { groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent', accessLevelId: level.id, departmentIds: depts },
      { groupDn: slapd.groupDn('helpdesk-admins'), role: 'admin' },
    ],
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.close(), slapd?.stop()]);
});

describe('the first sign-in', () => {
  it('creates the account from the entry: name, e-mail, mobile, and customer without a mapped group', async () => {
    expect(await accountOf(admin, 'ali')).toBeUndefined();
    const res = await tryLogin(t, slug, 'ali', 'ali-pass-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'ali',
      name: 'علی رضایی',
      email: 'ali@example.org',
      mobile: '09121234567',
      role: 'customer',
      active: true,
    });
    const me = await clientOf(t, slug, res).get('auth/me');
    expect(me.json().user.username).toBe('ali');
    // The e-mail the directory holds signs in too (the default filter reads mail).
    expect((await tryLogin(t, slug, 'ali@example.org', 'ali-pass-1')).statusCode).toBe(200);
  });

  it('maps groups: agent with the access level and departments, admin, customer outside them', async () => {
    const sara = await tryLogin(t, slug, 'sara', 'sara-pass-1', 'ldap');
    expect(sara.statusCode, sara.body).toBe(200);
    const saraUser = sara.json().user;
    expect(saraUser).toMatchObject({ role: 'agent', accessLevelId: level.id, name: 'سارا احمدی' });
    expect([...saraUser.departmentIds].sort()).toEqual([...depts].sort());

    const neda = await tryLogin(t, slug, 'neda', 'neda-pass-1');
    expect(neda.json().user).toMatchObject({ role: 'admin', mobile: null });
    expect((await clientOf(t, slug, neda).get('directories')).statusCode).toBe(200);

    // kaveh is in helpdesk-agents only through the nested it-staff group: not followed here.
    expect((await tryLogin(t, slug, 'kaveh', 'kaveh-pass-1')).json().user.role).toBe('customer');
  });

  it('follows group changes at the next sign-in', async () => {
    const p = await newPerson(['helpdesk-agents']);
    expect((await tryLogin(t, slug, p.uid, p.password)).json().user.role).toBe('agent');
    await slapd.removeFromGroup(p.uid, 'helpdesk-agents');
    const customer = (await tryLogin(t, slug, p.uid, p.password)).json().user;
    expect(customer).toMatchObject({ role: 'customer', accessLevelId: null, departmentIds: [] });
    await slapd.addToGroup(p.uid, 'helpdesk-admins');
    expect((await tryLogin(t, slug, p.uid, p.password)).json().user.role).toBe('admin');
  });

  it('signs in people whose names hold filter characters, as themselves only', async () => {
    const obrien = await tryLogin(t, slug, 'o*brien', 'o*brien-pass-1');
    expect(obrien.statusCode, obrien.body).toBe(200);
    expect(obrien.json().user.username).toBe('o*brien');
    const abc = await tryLogin(t, slug, 'a(b)c', 'a(b)c-pass-1', 'ldap');
    expect(abc.statusCode, abc.body).toBe(200);
    expect(abc.json().user.name).toBe('Arash Bahrami');
  });
});

describe('refusals', () => {
  it('answers a wrong password exactly as an unknown login', async () => {
    const p = await newPerson();
    const unknown = what(await tryLogin(t, slug, unique('nobody'), 'wrong-password'));
    expect(unknown).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'The username or password is wrong.' } },
    });
    // Before the account exists, and after.
    expect(what(await tryLogin(t, slug, p.uid, 'wrong-password'))).toEqual(unknown);
    expect((await tryLogin(t, slug, p.uid, p.password)).statusCode).toBe(200);
    expect(what(await tryLogin(t, slug, p.uid, 'wrong-password'))).toEqual(unknown);
    expect(what(await tryLogin(t, slug, p.uid, 'wrong-password', 'ldap'))).toEqual(unknown);
    expect(what(await tryLogin(t, slug, unique('nobody'), 'wrong-password', 'ldap'))).toEqual(unknown);
  });

  it('never lets an injected login widen the search or sign anyone in', async () => {
    const before = (await admin.get('users?pageSize=1')).json().total;
    const logins = [
      '*',
      'ali)(uid=*',
      '*)(|(uid=*',
      '\\',
      '\\2a',
      'ali*',
      'o*',
      '*brien',
      'a(b)*',
      '(uid=ali)',
      'ali\u0001',
    ];
    for (const login of logins)
      for (const password of ['ali-pass-1', 'o*brien-pass-1', '*'])
        for (const via of ['login', 'ldap'] as const) {
          const res = await tryLogin(t, slug, login, password, via);
          expect(res.statusCode, `${via} ${JSON.stringify(login)} / ${password}: ${res.body}`).toBe(401);
          expect(hasSession(res)).toBe(false);
        }
    // A NUL is refused before any sign-in, for every login alike (the platform's rule for all text).
    for (const login of ['ali\u0000', '\u0000', 'ali\u0000)(uid=*'])
      for (const via of ['login', 'ldap'] as const) {
        const res = await tryLogin(t, slug, login, 'ali-pass-1', via);
        expect(res.statusCode, `${via} ${JSON.stringify(login)}: ${res.body}`).toBe(400);
        expect(Object.keys(res.json().error.fields)).toEqual([via === 'login' ? 'login' : 'username']);
        expect(hasSession(res)).toBe(false);
      }
    expect((await admin.get('users?pageSize=1')).json().total).toBe(before);
    // One person's password never opens another's account.
    expect((await tryLogin(t, slug, 'o*brien', 'ali-pass-1')).statusCode).toBe(401);
  }, 60_000);

  it('lets the directory decide the password: a change there applies at once', async () => {
    const p = await newPerson();
    expect((await tryLogin(t, slug, p.uid, p.password)).statusCode).toBe(200);
    await slapd.setPassword(p.uid, 'changed-in-the-directory');
    expect((await tryLogin(t, slug, p.uid, p.password)).statusCode).toBe(401);
    expect((await tryLogin(t, slug, p.uid, 'changed-in-the-directory')).statusCode).toBe(200);
  });

  it('never accepts a local password of a directory person; /auth/ldap never a local account', async () => {
    const p = await newPerson();
    const id = (await tryLogin(t, slug, p.uid, p.password)).json().user.id;
    await t.deps.database.db
      .update(users)
      .set({ passwordHash: await hashPassword('local-password-1') })
      .where(eq(users.id, Number(id)));
    const wrong = what(await tryLogin(t, slug, p.uid, 'not-it-either'));
    expect(what(await tryLogin(t, slug, p.uid, 'local-password-1'))).toEqual(wrong);
    expect(what(await tryLogin(t, slug, p.uid, 'local-password-1', 'ldap'))).toEqual(wrong);
    expect((await tryLogin(t, slug, p.uid, p.password)).statusCode).toBe(200);

    // The workspace's own admin is local: /auth/login takes the password, /auth/ldap refuses it alike.
    expect((await tryLogin(t, slug, 'admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    expect(what(await tryLogin(t, slug, 'admin', ADMIN_PASSWORD, 'ldap'))).toEqual(wrong);
  });

  it('refuses a disabled entry (AD userAccountControl 514) and deactivates its account until enabled', async () => {
    // reza is disabled in the directory and never signed in: no account is made.
    expect((await tryLogin(t, slug, 'reza', 'reza-pass-1')).statusCode).toBe(401);
    expect(await accountOf(admin, 'reza')).toBeUndefined();

    const p = await newPerson(['helpdesk-agents']);
    const first = await tryLogin(t, slug, p.uid, p.password);
    const session = clientOf(t, slug, first);
    await slapd.setDisabled(p.uid, true);
    const refused = await tryLogin(t, slug, p.uid, p.password);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.message).toBe('This account is disabled. Contact the administrator.');
    expect(hasSession(refused)).toBe(false);
    const account = await admin.get(`users/${first.json().user.id}`);
    expect(account.statusCode).toBe(200);
    expect(account.json().active).toBe(false);
    // Its sessions ended with it.
    expect((await session.get('auth/me')).statusCode).toBe(401);

    await slapd.setDisabled(p.uid, false);
    const back = await tryLogin(t, slug, p.uid, p.password);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().user).toMatchObject({ id: first.json().user.id, active: true, role: 'agent' });
  });
});

describe('two-factor sign-in of a directory account', () => {
  it('asks a directory agent with two-factor sign-in on for the code after the directory password', async () => {
    const p = await newPerson(['helpdesk-agents']);
    const session = clientOf(t, slug, await tryLogin(t, slug, p.uid, p.password));
    // No local password to prove: set-up is open shortly after a directory sign-in.
    const setup = await session.post('me/two-factor/setup', {});
    expect(setup.statusCode, setup.body).toBe(200);
    const totp = new TOTP({ secret: Secret.fromBase32(setup.json().secret) });
    const codeNow = (offsetMs = 0) => totp.generate({ timestamp: t.clock.now().getTime() + offsetMs });
    expect((await session.post('me/two-factor/enable', { code: codeNow() })).statusCode).toBe(200);
    t.clock.advance(30_000);

    const withoutCode = await tryLogin(t, slug, p.uid, p.password);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().error.code).toBe('two_factor_required');
    expect(hasSession(withoutCode)).toBe(false);
    // A wrong directory password never reaches the code question.
    const wrongPassword = await new Client(t, { slug, lang: 'en' }).post(
      'auth/login',
      { login: p.uid, password: 'not-the-password', code: codeNow() },
      freshAddress(),
    );
    expect(wrongPassword.json().error.code).toBe('unauthorized');
    const ok = await new Client(t, { slug }).post(
      'auth/ldap',
      { username: p.uid, password: p.password, code: codeNow() },
      freshAddress(),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.username).toBe(p.uid);
  });
});

describe('directories in other setups', () => {
  it('with defaultRole none, refuses a person in no mapped group and makes no account', async () => {
    const { slug: s2 } = await newWorkspace(t);
    const admin2 = await signIn(t, s2, 'admin', ADMIN_PASSWORD);
    await addDirectory(admin2, slapd, {
      defaultRole: 'none',
      groupMappings: [{ groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' }],
    });
    const unknown = what(await tryLogin(t, s2, unique('nobody'), 'wrong-password'));
    expect(what(await tryLogin(t, s2, 'ali', 'ali-pass-1'))).toEqual(unknown);
    expect(await accountOf(admin2, 'ali')).toBeUndefined();
    expect((await tryLogin(t, s2, 'sara', 'sara-pass-1')).json().user.role).toBe('agent');
  });

  it('asks the directories in order: one that finds nobody and one that is down do not stop the next', async () => {
    const { slug: s3 } = await newWorkspace(t);
    const admin3 = await signIn(t, s3, 'admin', ADMIN_PASSWORD);
    const empty = await addDirectory(admin3, slapd, { name: 'system only', baseDn: `ou=system,${slapd.baseDn}` });
    const down = await addDirectory(admin3, slapd, {
      name: 'down',
      url: `ldap://127.0.0.1:${await freePort()}`,
      position: 1,
    });
    const real = await addDirectory(admin3, slapd, { name: 'people', position: 2 });
    const res = await tryLogin(t, s3, 'ali', 'ali-pass-1');
    expect(res.statusCode, res.body).toBe(200);
    const people = Object.fromEntries(
      ((await admin3.get('directories')).json().items as Array<{ id: string; people: number }>).map((d) => [
        d.id,
        d.people,
      ]),
    );
    expect(people).toEqual({ [empty.id]: 0, [down.id]: 0, [real.id]: 1 });
  });

  it('signs in over STARTTLS and LDAPS verified with the CA; the wrong CA refuses; verifyTls off accepts it', async () => {
    const { slug: s4 } = await newWorkspace(t);
    const admin4 = await signIn(t, s4, 'admin', ADMIN_PASSWORD);
    const dir = await addDirectory(admin4, slapd, { startTls: true, caCert: slapd.caCertPem });
    expect((await tryLogin(t, s4, 'sara', 'sara-pass-1')).statusCode).toBe(200);
    await admin4.patch(`directories/${dir.id}`, { startTls: false, url: slapd.ldapsUrl });
    expect((await tryLogin(t, s4, 'sara', 'sara-pass-1')).statusCode).toBe(200);

    await admin4.patch(`directories/${dir.id}`, { caCert: slapd.otherCaPem });
    expect((await tryLogin(t, s4, 'sara', 'sara-pass-1')).statusCode).toBe(401);
    await admin4.patch(`directories/${dir.id}`, { url: slapd.url, startTls: true });
    expect((await tryLogin(t, s4, 'sara', 'sara-pass-1')).statusCode).toBe(401);
    await admin4.patch(`directories/${dir.id}`, { verifyTls: false });
    expect((await tryLogin(t, s4, 'sara', 'sara-pass-1')).statusCode).toBe(200);
  });
});

describe('sign-in rate limits', () => {
  const expectLimited = async (login: string, password: string) => {
    const from = freshAddress();
    const anon = new Client(t, { slug, lang: 'en' });
    for (let i = 0; i < 5; i++)
      expect((await anon.post('auth/login', { login, password: 'wrong-password' }, from)).statusCode).toBe(401);
    // The sixth try waits, even with the right password (the directory is not even asked).
    const sixth = await anon.post('auth/login', { login, password }, from);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(hasSession(sixth)).toBe(false);
    // The owner, elsewhere, is not locked out.
    expect((await tryLogin(t, slug, login, password)).statusCode).toBe(200);
  };

  it('makes the address wait after five wrong directory passwords for an account, as for local ones', async () => {
    const known = await newPerson();
    expect((await tryLogin(t, slug, known.uid, known.password)).statusCode).toBe(200);
    await expectLimited(known.uid, known.password);
    // Also for a person the workspace has never seen (no account yet).
    const fresh = await newPerson();
    await expectLimited(fresh.uid, fresh.password);
  });
});
