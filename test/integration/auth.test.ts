import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

let t: TestApp;
let slug: string;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('accepts username, e-mail or mobile in any spelling, and sets a safe cookie', async () => {
    const { username } = await makeUser(t, admin, slug, {
      role: 'customer',
      email: 'Mina@Example.com',
      mobile: '+98 912 555 0001',
    });
    const anon = new Client(t, { slug });
    for (const login of [username, 'mina@example.com', '09125550001', '۰۹۱۲۵۵۵۰۰۰۱', '00989125550001']) {
      const res = await anon.post('auth/login', { login, password: 'user-password-1' });
      expect(res.statusCode, login).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'pk_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(res.json().user.username).toBe(username);
      expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    }
  });

  it('refuses a wrong password with a translated message; after five the address waits before its next try', async () => {
    const { username } = await makeUser(t, admin, slug, { role: 'agent' });
    const fa = new Client(t, { slug });
    const en = new Client(t, { slug, lang: 'en' });
    const first = await fa.post('auth/login', { login: username, password: 'wrong-password' });
    expect(first.statusCode).toBe(401);
    expect(first.json().error).toEqual({ code: 'unauthorized', message: 'نام کاربری یا گذرواژه نادرست است.' });
    const second = await en.post('auth/login', { login: username, password: 'wrong-password' });
    expect(second.json().error.message).toBe('The username or password is wrong.');
    for (let i = 0; i < 3; i++) await en.post('auth/login', { login: username, password: 'wrong-password' });
    // Not a lock (423) any stranger could set: this address waits a second (then 2, 4 … s).
    const waiting = await en.post('auth/login', { login: username, password: 'user-password-1' });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().error.code).toBe('rate_limited');
    expect(waiting.headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    expect((await en.post('auth/login', { login: username, password: 'user-password-1' })).statusCode).toBe(200);
  });

  it('limits guesses per account and address, an unknown name as a known one', async () => {
    const anon = new Client(t, { slug, lang: 'en' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await anon.post('auth/login', { login: 'nobody-at-all', password: 'x' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await anon.post('auth/login', { login: 'NOBODY-AT-ALL', password: 'x' });
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a disabled account cannot sign in', async () => {
    const { id, username } = await makeUser(t, admin, slug, { role: 'customer' });
    expect((await admin.patch(`users/${id}`, { active: false })).statusCode).toBe(200);
    const res = await new Client(t, { slug }).post('auth/login', { login: username, password: 'user-password-1' });
    expect(res.statusCode).toBe(403);
  });
});

describe('sessions, CSRF and tokens', () => {
  it('cookie writes need the CSRF token; logout ends the session', async () => {
    const { client } = await makeUser(t, admin, slug, { role: 'agent' });
    const me = await client.get('auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(client.s.csrf);
    const noCsrf = new Client(t, { ...client.s, csrf: undefined, lang: 'en' });
    const refused = await noCsrf.patch('me', { name: 'X' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/x-csrf-token/);
    const wrong = new Client(t, { ...client.s, csrf: 'x'.repeat(32) });
    expect((await wrong.patch('me', { name: 'X' })).statusCode).toBe(403);
    expect((await client.patch('me', { name: 'Y' })).statusCode).toBe(200);
    expect((await client.post('auth/logout')).statusCode).toBe(204);
    expect((await client.get('auth/me')).statusCode).toBe(401);
  });

  it('API tokens are shown once, stored hashed, act without CSRF and can be revoked', async () => {
    const { client } = await makeUser(t, admin, slug, { role: 'agent' });
    const created = await client.post('api-tokens', { name: 'CI' });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^pk_/);
    const rows = await t.deps.database.executeSql<{ token_hash: string }>(
      'select token_hash from api_tokens where id = $1',
      [created.json().id],
    );
    expect(rows.rows[0].token_hash).not.toContain(token);
    const list = await client.get('api-tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    const bearer = new Client(t, { bearer: token });
    expect((await bearer.patch('me', { name: 'By token' })).statusCode).toBe(200);
    expect((await client.del(`api-tokens/${created.json().id}`)).statusCode).toBe(204);
    expect((await bearer.get('auth/me')).statusCode).toBe(401);
  });

  it('a changed password ends other sessions but keeps the current one', async () => {
    const { client, username } = await makeUser(t, admin, slug, { role: 'customer' });
    const other = await signIn(t, slug, username, 'user-password-1');
    const bad = await client.post('me/password', { currentPassword: 'nope-nope', newPassword: 'new-password-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.currentPassword).toBeDefined();
    expect(
      (await client.post('me/password', { currentPassword: 'user-password-1', newPassword: 'new-password-1' }))
        .statusCode,
    ).toBe(204);
    expect((await client.get('auth/me')).statusCode).toBe(200);
    expect((await other.get('auth/me')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('queues the mail in the same transaction, sends it from the worker, and the token works once', async () => {
    const { username, client } = await makeUser(t, admin, slug, {
      role: 'customer',
      email: `${Date.now()}@reset.test`,
    });
    const anon = new Client(t, { slug });
    const before = await t.deps.database.executeSql<{ n: number }>(
      "select count(*)::int as n from pgboss.job where name = 'mail.password-reset'",
    );
    expect((await anon.post('auth/password/forgot', { login: username })).statusCode).toBe(202);
    // Unknown accounts get the same answer and queue nothing.
    expect((await anon.post('auth/password/forgot', { login: 'no-such-user' })).statusCode).toBe(202);
    const after = await t.deps.database.executeSql<{ n: number }>(
      "select count(*)::int as n from pgboss.job where name = 'mail.password-reset'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    const jobs = await t.deps.database.executeSql<{ data: Record<string, unknown> }>(
      "select data from pgboss.job where name = 'mail.password-reset' order by created_on desc limit 1",
    );
    expect(JSON.stringify(jobs.rows[0].data)).not.toMatch(/reset-password\?token/);

    const { sendResetMail } = await import('../../src/server/modules/auth/send-reset-mail.job');
    await sendResetMail(t.deps)(jobs.rows[0].data as never);
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.subject).toContain('بازنشانی گذرواژه');
    const token = decodeURIComponent(/token=([^&\s]+)/.exec(mail.text)![1]);

    const short = await anon.post('auth/password/reset', { token, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.password).toBeDefined();
    expect((await anon.post('auth/password/reset', { token, password: 'brand-new-pass' })).statusCode).toBe(204);
    expect((await client.get('auth/me')).statusCode).toBe(401);
    expect((await anon.post('auth/password/reset', { token, password: 'another-pass-1' })).statusCode).toBe(400);
    await signIn(t, slug, username, 'brand-new-pass');
  });
});

describe('allowed addresses for staff (A8)', () => {
  it('refuses agents and admins from other addresses but not customers', async () => {
    const { slug: s2 } = await newWorkspace(t);
    const a2 = await signIn(t, s2, 'admin', ADMIN_PASSWORD, { remoteAddress: '10.1.2.3' });
    const agent = await makeUser(t, a2, s2, { role: 'agent' });
    const customer = await makeUser(t, a2, s2, { role: 'customer' });
    const bad = await a2.patch('settings', { allowedIps: ['10.1.0.0/16', 'not-an-ip'] }, { remoteAddress: '10.1.2.3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['allowedIps.1']).toBeDefined();
    expect(
      (await a2.patch('settings', { allowedIps: ['10.1.0.0/16'] }, { remoteAddress: '10.1.2.3' })).statusCode,
    ).toBe(200);
    const anon = new Client(t, { slug: s2 });
    const refused = await anon.post(
      'auth/login',
      { login: agent.username, password: 'user-password-1' },
      { remoteAddress: '192.0.2.7' },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ip_not_allowed');
    expect(
      (
        await anon.post(
          'auth/login',
          { login: agent.username, password: 'user-password-1' },
          { remoteAddress: '10.1.9.9' },
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await anon.post(
          'auth/login',
          { login: customer.username, password: 'user-password-1' },
          { remoteAddress: '192.0.2.7' },
        )
      ).statusCode,
    ).toBe(200);
    // An existing staff session is refused from outside too.
    expect((await agent.client.get('auth/me', { remoteAddress: '192.0.2.7' })).statusCode).toBe(403);
  });
});
