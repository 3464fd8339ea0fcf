import { Secret, TOTP } from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSms, type SmsJob } from '../../src/server/modules/auth/otp';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

// K11: two-factor sign-in for staff (TOTP, RFC 6238) — setup, sign-in with a code or a recovery
// code, codes counted by the sign-in limits, the workspace's requirement, an admin's reset. The
// codes are computed for the app's manual clock, so the test decides every 30-second step.

let t: TestApp;
let slug: string;
let admin: Client;
let n = 0;

const PASSWORD = 'user-password-1';
const STEP_MS = 30_000;
/** A fresh documentation address (TEST-NET-3) per sign-in story: clean sign-in counters. */
const address = () => ({ remoteAddress: `203.0.113.${++n}` });
const error = (r: LightMyRequestResponse) => (r.json() as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

/** The authenticator's code for `secret` at the app's clock, moved by `offsetMs`. */
const codeAt = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: t.clock.now().getTime() + offsetMs });
const toPersian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

/** Sets up and turns on two-factor sign-in for a signed-in person; the secret and recovery codes. */
async function enable(client: Client, password = PASSWORD) {
  const setup = await client.post('me/two-factor/setup', { password });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const on = await client.post('me/two-factor/enable', { code: codeAt(secret) });
  expect(on.statusCode, on.body).toBe(200);
  // The code that turned it on was spent: the next sign-in needs the next step's.
  t.clock.advance(STEP_MS);
  return { secret, recoveryCodes: (on.json() as { recoveryCodes: string[] }).recoveryCodes };
}

/** Sends the queued SMS of this workspace to `mobile` through the worker's handler; the last code. */
async function deliverSms(mobile: string): Promise<string> {
  const jobs = await t.deps.database.executeSql<{ id: string; data: SmsJob }>(
    "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and data->>'to' = $1",
    [mobile],
  );
  for (const j of jobs.rows) {
    await sendSms(t.deps)(j.data);
    await t.deps.database.executeSql("update pgboss.job set state = 'completed' where id = $1", [j.id]);
  }
  return /(\d{6})/.exec(t.sms.sent.filter((m) => m.to === mobile).at(-1)!.text)![1];
}

/** A new agent, signed in, reading answers in English. */
async function agent(ws = slug, by = admin) {
  const a = await makeUser(t, by, ws, { role: 'agent' });
  a.client.s.lang = 'en';
  return a;
}

function login(username: string, extra: Record<string, unknown> = {}, from = address(), ws = slug) {
  return new Client(t, { slug: ws, lang: 'en' }).post(
    'auth/login',
    { login: username, password: PASSWORD, ...extra },
    from,
  );
}

describe('setting up two-factor sign-in', () => {
  it('needs the password, shows the secret as text, URL and QR code, and turns on only with a right code', async () => {
    const a = await agent();
    expect((await a.client.get('me/two-factor')).json()).toEqual({
      enabled: false,
      enabledAt: null,
      required: false,
      recoveryCodesLeft: 0,
    });
    const noPassword = await a.client.post('me/two-factor/setup', {});
    expect(noPassword.statusCode).toBe(400);
    expect((noPassword.json() as { error: { fields: Record<string, string> } }).error.fields.password).toBeTruthy();
    const wrongPassword = await a.client.post('me/two-factor/setup', { password: 'not-it-at-all' });
    expect(wrongPassword.statusCode).toBe(400);

    const setup = await a.client.post('me/two-factor/setup', { password: PASSWORD });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeSvg } = setup.json() as Record<string, string>;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(decodeURIComponent(url.pathname)).toContain(a.username);
    expect(url.searchParams.get('issuer')).toBe(`Workspace ${slug}`);
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // The secret is kept sealed, never in clear.
    const [stored] = (
      await t.deps.database.executeSql<{ pending: string; on: string | null }>(
        'select totp_pending_sealed as pending, totp_secret_sealed as "on" from users where id = $1',
        [Number(a.id)],
      )
    ).rows;
    expect(stored.pending).not.toContain(secret);
    expect(stored.on).toBeNull();

    const wrong = await a.client.post('me/two-factor/enable', { code: codeAt(secret, 5 * STEP_MS) });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys((wrong.json() as { error: { fields: object } }).error.fields)).toEqual(['code']);
    // Persian digits are accepted.
    const right = await a.client.post('me/two-factor/enable', { code: toPersian(codeAt(secret)) });
    expect(right.statusCode).toBe(200);
    const { recoveryCodes } = right.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = (
      await t.deps.database.executeSql<{ h: string[] }>('select recovery_code_hashes as h from users where id = $1', [
        Number(a.id),
      ])
    ).rows[0].h;
    expect(hashes).toHaveLength(10);
    expect(hashes.join()).not.toContain(recoveryCodes[0].replace('-', ''));

    const state = (await a.client.get('me/two-factor')).json() as { enabled: boolean; recoveryCodesLeft: number };
    expect(state).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await a.client.get('auth/me')).json().twoFactor).toEqual({ enabled: true, required: false });
    expect((await a.client.post('me/two-factor/setup', { password: PASSWORD })).statusCode).toBe(409);
    expect((await a.client.post('me/two-factor/enable', { code: codeAt(secret) })).statusCode).toBe(409);
    // Nothing secret went to the log.
    expect(t.logs.join('\n')).not.toContain(secret);
  });

  it('is for staff only', async () => {
    const customer = await makeUser(t, admin, slug, { role: 'customer' });
    expect((await customer.client.get('me/two-factor')).statusCode).toBe(403);
    expect((await customer.client.post('me/two-factor/setup', { password: PASSWORD })).statusCode).toBe(403);
    expect((await customer.client.get('auth/me')).json().twoFactor).toEqual({ enabled: false, required: false });
  });

  it('lets an account without a password set up only soon after signing in', async () => {
    const a = await agent();
    await t.deps.database.executeSql('update users set password_hash = null where id = $1', [Number(a.id)]);
    expect((await a.client.post('me/two-factor/setup', {})).statusCode).toBe(200);
    t.clock.advance(11 * 60_000);
    const late = await a.client.post('me/two-factor/setup', {});
    expect(late.statusCode).toBe(403);
    expect(error(late).message).toMatch(/sign in again/);
  });
});

describe('signing in with two-factor sign-in on', () => {
  it('asks for the code, refuses a wrong one, accepts the right one once', async () => {
    const a = await agent();
    const { secret } = await enable(a.client);
    const from = address();

    const noCode = await login(a.username, {}, from);
    expect(noCode.statusCode).toBe(401);
    expect(error(noCode)).toEqual({
      code: 'two_factor_required',
      message: 'Enter the six-digit code from your authenticator app, or a recovery code.',
    });
    expect(noCode.cookies.find((c) => c.name === 'pk_session')).toBeUndefined();
    const faAnswer = await new Client(t, { slug, lang: 'fa' }).post(
      'auth/login',
      { login: a.username, password: PASSWORD },
      from,
    );
    expect(error(faAnswer).message).toContain('برنامهٔ احراز هویت');

    const wrong = await login(a.username, { code: codeAt(secret, 4 * STEP_MS) }, from);
    expect(wrong.statusCode).toBe(401);
    expect(error(wrong).code).toBe('two_factor_invalid');
    // A wrong password with a right code is still a wrong password.
    const badPassword = await login(a.username, { password: 'wrong-password', code: codeAt(secret) }, address());
    expect(error(badPassword).code).toBe('unauthorized');

    const code = codeAt(secret);
    const ok = await login(a.username, { code }, from);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'pk_session')).toBeDefined();
    // The same code again, even from elsewhere: refused.
    const replay = await login(a.username, { code }, address());
    expect(replay.statusCode).toBe(401);
    expect(error(replay).code).toBe('two_factor_invalid');
    // So is the step before it, though still within the window.
    expect((await login(a.username, { code: codeAt(secret, -STEP_MS) }, address())).statusCode).toBe(401);

    // One step late is fine (a phone's clock behind); Persian digits too.
    t.clock.advance(3 * STEP_MS);
    const late = await login(a.username, { code: toPersian(codeAt(secret, -STEP_MS)) }, address());
    expect(late.statusCode, late.body).toBe(200);
    // Two steps late is not.
    t.clock.advance(3 * STEP_MS);
    expect((await login(a.username, { code: codeAt(secret, -2 * STEP_MS) }, address())).statusCode).toBe(401);
  });

  it('lets only one of two sign-ins racing with the same code through', async () => {
    const a = await agent();
    const { secret, recoveryCodes } = await enable(a.client);
    const code = codeAt(secret);
    const both = await Promise.all([login(a.username, { code }), login(a.username, { code })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const twice = await Promise.all([
      login(a.username, { code: recoveryCodes[0] }),
      login(a.username, { code: recoveryCodes[0] }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('takes a recovery code once, in any case and with or without its dash', async () => {
    const a = await agent();
    const { recoveryCodes } = await enable(a.client);
    const typed = recoveryCodes[3].replace('-', '').toUpperCase();
    const ok = await login(a.username, { code: ` ${typed} ` });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await login(a.username, { code: recoveryCodes[3] });
    expect(error(again).code).toBe('two_factor_invalid');
    expect(((await a.client.get('me/two-factor')).json() as { recoveryCodesLeft: number }).recoveryCodesLeft).toBe(9);
    const audit = await t.deps.database.executeSql<{ data: { left: number } }>(
      "select data from audit_log where action = 'auth.recovery_code_used' and entity_id = $1",
      [a.id],
    );
    expect(audit.rows.map((r) => r.data.left)).toEqual([9]);
  });

  it('counts codes against the sign-in limits: the sixth wrong try waits (429)', async () => {
    const a = await agent();
    const { secret } = await enable(a.client);
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(a.username, { code: '000000' }, from)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await login(a.username, { code: codeAt(secret) }, from);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
    // Once the wait is over, the right code signs in and the count starts again.
    t.clock.advance(2_000);
    expect((await login(a.username, { code: codeAt(secret) }, from)).statusCode).toBe(200);
  });

  it('does not let an SMS code stand in for the password and code', async () => {
    const mobile = '09125550177';
    const a = await makeUser(t, admin, slug, { role: 'agent', mobile });
    await enable(a.client);
    const anon = new Client(t, { slug, lang: 'en' });
    expect((await anon.post('auth/otp/request', { mobile }, address())).statusCode).toBe(202);
    const code = await deliverSms(mobile);
    const res = await anon.post('auth/otp/verify', { mobile, code }, address());
    expect(res.statusCode).toBe(403);
    expect(error(res).message).toMatch(/password and the code/);
    expect(res.cookies.find((c) => c.name === 'pk_session')).toBeUndefined();
  });
});

describe('turning it off and renewing recovery codes', () => {
  it('turns off with a current code, and then the password alone signs in', async () => {
    const a = await agent();
    const { secret } = await enable(a.client);
    const wrong = await a.client.post('me/two-factor/disable', { code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect((await a.client.post('me/two-factor/disable', { code: codeAt(secret) })).statusCode).toBe(204);
    expect(((await a.client.get('me/two-factor')).json() as { enabled: boolean }).enabled).toBe(false);
    expect((await login(a.username)).statusCode).toBe(200);
    expect((await a.client.post('me/two-factor/disable', { code: codeAt(secret) })).statusCode).toBe(409);
  });

  it('renews recovery codes: the old ones stop working', async () => {
    const a = await agent();
    const { secret, recoveryCodes: old } = await enable(a.client);
    const res = await a.client.post('me/two-factor/recovery-codes', { code: codeAt(secret) });
    expect(res.statusCode).toBe(200);
    const fresh = (res.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => old.includes(c))).toBe(false);
    expect(error(await login(a.username, { code: old[0] })).code).toBe('two_factor_invalid');
    expect((await login(a.username, { code: fresh[0] })).statusCode).toBe(200);
  });
});

describe('the workspace requires two-factor sign-in', () => {
  it('holds covered staff at the setup until they turn it on, and refuses turning it off', async () => {
    const ws = await newWorkspace(t);
    const boss = await signIn(t, ws.slug, 'admin', ADMIN_PASSWORD);
    const a = await agent(ws.slug, boss);
    const customer = await makeUser(t, boss, ws.slug, { role: 'customer' });
    const token = (await a.client.post('api-tokens', { name: 'sync' })).json() as { token: string };

    expect((await boss.patch('settings', { twoFactorRequired: 'admins' })).statusCode).toBe(200);
    // Admins now: the admin is held, the agent and the customer are not.
    const held = await boss.get('tickets');
    expect(held.statusCode).toBe(403);
    expect(error(held).code).toBe('two_factor_setup_required');
    expect((await a.client.get('tickets')).statusCode).toBe(200);
    expect((await boss.get('auth/me')).json().twoFactor).toEqual({ enabled: false, required: true });
    expect((await a.client.get('auth/me')).json().twoFactor).toEqual({ enabled: false, required: false });
    const bossSecret = (await enable(boss, ADMIN_PASSWORD)).secret;
    expect((await boss.get('tickets')).statusCode).toBe(200);

    expect((await boss.patch('settings', { twoFactorRequired: 'staff' })).statusCode).toBe(200);
    for (const res of [
      await a.client.get('tickets'),
      await a.client.get('users'),
      await a.client.patch('me', { name: 'x' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(error(res)).toEqual({
        code: 'two_factor_setup_required',
        message: 'This workspace requires two-factor sign-in: turn it on under Profile and preferences first.',
      });
    }
    // An API token of the person is held too.
    expect((await new Client(t, { bearer: token.token }).get('tickets')).statusCode).toBe(403);
    // What the setup needs stays open.
    expect((await a.client.get('auth/me')).statusCode).toBe(200);
    expect((await a.client.get('auth/session')).json().me.twoFactor).toEqual({ enabled: false, required: true });
    expect((await a.client.get('public/settings')).statusCode).toBe(200);
    expect((await a.client.get('me/two-factor')).json()).toMatchObject({ enabled: false, required: true });
    expect((await customer.client.get('tickets')).statusCode).toBe(200);

    const { secret } = await enable(a.client);
    expect((await a.client.get('tickets')).statusCode).toBe(200);
    const off = await a.client.post('me/two-factor/disable', { code: codeAt(secret) });
    expect(off.statusCode).toBe(403);
    expect(error(off).message).toMatch(/cannot be turned off/);
    expect(((await a.client.get('me/two-factor')).json() as { enabled: boolean }).enabled).toBe(true);

    // Signing out stays open to someone held.
    const fresh = await agent(ws.slug, boss);
    expect((await fresh.client.post('auth/logout')).statusCode).toBe(204);
    expect((await boss.patch('settings', { twoFactorRequired: 'off' })).statusCode).toBe(200);
    expect((await boss.post('me/two-factor/disable', { code: codeAt(bossSecret) })).statusCode).toBe(204);
  });
});

describe("an admin turns off someone's two-factor sign-in", () => {
  it('resets a person who lost their phone, audited; others may not', async () => {
    const a = await agent();
    await enable(a.client);
    expect((await admin.get(`users/${a.id}/two-factor`)).json()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    const other = await agent();
    expect((await other.client.get(`users/${a.id}/two-factor`)).statusCode).toBe(403);
    expect((await other.client.del(`users/${a.id}/two-factor`)).statusCode).toBe(403);

    expect((await a.client.get('auth/me')).statusCode).toBe(200);
    expect((await admin.del(`users/${a.id}/two-factor`)).statusCode).toBe(204);
    // The lost phone's session ended with it.
    expect((await a.client.get('auth/me')).statusCode).toBe(401);
    expect((await admin.get(`users/${a.id}/two-factor`)).json()).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    expect((await login(a.username)).statusCode).toBe(200);
    const audit = await t.deps.database.executeSql<{ actor_id: string }>(
      "select actor_id from audit_log where action = 'user.two_factor_reset' and entity_id = $1",
      [a.id],
    );
    expect(audit.rows).toHaveLength(1);
    // One's own goes through "My account", with a code.
    const me = (await admin.get('auth/me')).json() as { user: { id: string } };
    expect((await admin.del(`users/${me.user.id}/two-factor`)).statusCode).toBe(403);
  });

  it('does not reach into another workspace', async () => {
    const a = await agent();
    await enable(a.client);
    const ws = await newWorkspace(t);
    const otherAdmin = await signIn(t, ws.slug, 'admin', ADMIN_PASSWORD);
    expect((await otherAdmin.get(`users/${a.id}/two-factor`)).statusCode).toBe(404);
    expect((await otherAdmin.del(`users/${a.id}/two-factor`)).statusCode).toBe(404);
    expect(((await a.client.get('me/two-factor')).json() as { enabled: boolean }).enabled).toBe(true);
    // The same username in the other workspace has nothing to do with this one's secret.
    const twin = await makeUser(t, otherAdmin, ws.slug, { role: 'agent', username: a.username });
    expect((await login(twin.username, {}, address(), ws.slug)).statusCode).toBe(200);
  });
});
