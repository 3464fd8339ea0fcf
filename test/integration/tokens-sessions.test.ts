import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_MAIL_WINDOW_SECONDS } from '../../src/server/modules/auth/forgot-password';
import { sendResetMail } from '../../src/server/modules/auth/send-reset-mail.job';
import { sendSms, type SmsJob } from '../../src/server/modules/auth/otp';
import { sendContactCode } from '../../src/server/modules/people/send-contact-code.job';
import type { ContactMailJob } from '../../src/server/modules/people/contact-change';
import { SESSION_MAX_AGE_MS } from '../../src/server/platform/auth/resolve-actor';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  unique,
  type TestApp,
} from '../helpers/test-app';

/** Issue 12, point 6: reset tokens, password changes, API token scopes and expiry, contact changes, session lifetime. */
let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
const DAY = 86_400_000;
const PW = 'user-password-1';

beforeAll(async () => {
  t = await createTestApp();
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(() => t.close());

const agent = async (extra: Record<string, unknown> = {}) => {
  const u = await makeUser(t, admin, slug, { role: 'agent', email: `${unique('a')}@tokens.test`, ...extra });
  u.client.s.lang = 'en';
  return u;
};
const tokenOf = async (c: Client, body: Record<string, unknown> = {}) => {
  const res = await c.post('api-tokens', { name: unique('t'), ...body });
  expect(res.statusCode).toBe(201);
  return new Client(t, { bearer: res.json().token as string, lang: 'en' });
};
const jobs = async <T>(queue: string, field: string, value: string) =>
  (
    await t.deps.database.executeSql<{ data: T }>(
      `select data from pgboss.job where name = $1 and (data->>'workspaceId')::bigint = $2 and data->>'${field}' = $3 order by created_on`,
      [queue, workspaceId, value],
    )
  ).rows.map((r) => r.data);
/** Runs the reset mails queued for `userId` through the worker; returns their tokens, oldest first. */
async function resetTokens(userId: string): Promise<string[]> {
  const out: string[] = [];
  for (const data of await jobs<never>('mail.password-reset', 'userId', userId)) {
    await sendResetMail(t.deps)(data);
    out.push(decodeURIComponent(/token=([^&\s]+)/.exec(t.mailer.sent.at(-1)!.text)![1]));
  }
  return out;
}

describe('password reset', () => {
  it('using one reset link kills every other outstanding link of the account', async () => {
    const u = await agent();
    const anon = new Client(t, { slug });
    expect((await anon.post('auth/password/forgot', { login: u.username })).statusCode).toBe(202);
    // One mail per account per window: the second link is asked for after it (both still live).
    t.clock.advance(RESET_MAIL_WINDOW_SECONDS * 1000 + 1000);
    expect((await anon.post('auth/password/forgot', { login: u.username })).statusCode).toBe(202);
    const [older, newer] = await resetTokens(u.id);
    expect(newer).toBeDefined();
    expect((await anon.post('auth/password/reset', { token: newer, password: 'brand-new-pass-1' })).statusCode).toBe(
      204,
    );
    const stale = await anon.post('auth/password/reset', { token: older, password: 'brand-new-pass-2' });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.fields.token).toBeDefined();
    const left = await t.deps.database.executeSql<{ n: number }>(
      'select count(*)::int as n from password_resets where user_id = $1',
      [u.id],
    );
    expect(left.rows[0].n).toBe(0);
    await signIn(t, slug, u.username, 'brand-new-pass-1');
  });

  it('a reset ends every session and revokes every API token of the account', async () => {
    const u = await agent();
    const bearer = await tokenOf(u.client);
    expect((await bearer.get('auth/me')).statusCode).toBe(200); // now cached
    const anon = new Client(t, { slug });
    await anon.post('auth/password/forgot', { login: u.username });
    const [token] = await resetTokens(u.id);
    expect((await anon.post('auth/password/reset', { token, password: 'brand-new-pass-1' })).statusCode).toBe(204);
    expect((await u.client.get('auth/me')).statusCode).toBe(401);
    expect((await bearer.get('auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('PATCH /me with a new password keeps this session, ends the others and revokes the API tokens at once', async () => {
    const u = await agent();
    const other = await signIn(t, slug, u.username, PW);
    const bearer = await tokenOf(u.client);
    expect((await bearer.get('auth/me')).statusCode).toBe(200); // warm the actor cache
    const res = await u.client.patch('me', { currentPassword: PW, newPassword: 'changed-pass-1' });
    expect(res.statusCode).toBe(200);
    expect((await u.client.get('auth/me')).statusCode).toBe(200);
    expect((await other.get('auth/me')).statusCode).toBe(401);
    expect((await bearer.get('auth/me')).statusCode).toBe(401);
    expect((await u.client.get('api-tokens')).json().total).toBe(0);
    await signIn(t, slug, u.username, 'changed-pass-1');
  });

  it('POST /me/password revokes the API tokens too', async () => {
    const u = await agent();
    const bearer = await tokenOf(u.client);
    const res = await u.client.post('me/password', { currentPassword: PW, newPassword: 'changed-pass-1' });
    expect(res.statusCode).toBe(204);
    expect((await bearer.get('auth/me')).statusCode).toBe(401);
  });

  it('a password, e-mail or mobile change needs the current password: missing or wrong is a translated 400', async () => {
    const u = await agent();
    for (const body of [
      { newPassword: 'changed-pass-1' },
      { email: `${unique('n')}@x.test` },
      { mobile: '09121234567' },
    ]) {
      const missing = await u.client.patch('me', body);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.fields.currentPassword).toMatch(/current password/i);
      const wrong = await u.client.patch('me', { ...body, currentPassword: 'not-my-password' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields.currentPassword).toMatch(/wrong/);
    }
    // Name and language need no password.
    expect((await u.client.patch('me', { name: 'Still me' })).statusCode).toBe(200);
    await signIn(t, slug, u.username, PW);
  });
});

describe('contact changes', () => {
  it('a new e-mail is pending until the code mailed to it (sealed in its job) comes back', async () => {
    const u = await agent();
    const before = (await u.client.get('auth/me')).json().user.email;
    const next = `${unique('new')}@tokens.test`;
    const res = await u.client.patch('me', { email: next, currentPassword: PW });
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe(before);
    expect(res.json().pendingContacts).toEqual([expect.objectContaining({ kind: 'email', value: next })]);
    const [job] = await jobs<ContactMailJob>('mail.contact-code', 'to', next);
    await sendContactCode(t.deps)(job);
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toBe(next);
    const code = /(\d{6})/.exec(mail.text)![1];
    expect(JSON.stringify(job)).not.toContain(code);
    const wrong = await u.client.post('me/verify-contact', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.code).toBeDefined();
    expect((await u.client.get('auth/me')).json().user.email).toBe(before);
    const ok = await u.client.post('me/verify-contact', { kind: 'email', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().email).toBe(next);
    expect((await u.client.post('me/verify-contact', { code })).statusCode).toBe(400);
  });

  it('a new mobile is pending until the code sent through the SMS outbox comes back', async () => {
    const u = await agent();
    const mobile = `0912${String(Date.now()).slice(-7)}`;
    const res = await u.client.patch('me', { mobile, currentPassword: PW });
    expect(res.statusCode).toBe(200);
    expect(res.json().mobile).toBeNull();
    const [job] = await jobs<SmsJob>('sms.send', 'to', mobile);
    await sendSms(t.deps)(job);
    const code = /(\d{6})/.exec(t.sms.sent.filter((m) => m.to === mobile).at(-1)!.text)![1];
    const ok = await u.client.post('me/verify-contact', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mobile).toBe(mobile);
  });
});

describe('API tokens', () => {
  it('a token without the tokens scope cannot mint or revoke tokens; one with it can; a session always can', async () => {
    const u = await agent();
    const plain = await tokenOf(u.client);
    const refused = await plain.post('api-tokens', { name: 'child' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/tokens/);
    const id = (await u.client.get('api-tokens')).json().items[0].id;
    expect((await plain.del(`api-tokens/${id}`)).statusCode).toBe(403);
    const created = await u.client.post('api-tokens', { name: 'manager', scopes: ['tokens'] });
    expect(created.json().scopes).toEqual(['api', 'tokens']);
    const manager = new Client(t, { bearer: created.json().token });
    const child = await manager.post('api-tokens', { name: 'child' });
    expect(child.statusCode).toBe(201);
    expect(child.json().scopes).toEqual(['api']);
  });

  it('tokens expire: 90 days by default, a year at most, never after the token that made them; expired is 401', async () => {
    const u = await agent();
    const now = t.clock.now().getTime();
    const dflt = await u.client.post('api-tokens', { name: 'default' });
    expect(new Date(dflt.json().expiresAt).getTime()).toBe(now + 90 * DAY);
    const tooLong = await u.client.post('api-tokens', {
      name: 'x',
      expiresAt: new Date(now + 400 * DAY).toISOString(),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields.expiresAt).toMatch(/365/);
    const parent = await u.client.post('api-tokens', {
      name: 'p',
      scopes: ['tokens'],
      expiresAt: new Date(now + 10 * DAY).toISOString(),
    });
    const viaToken = new Client(t, { bearer: parent.json().token, lang: 'en' });
    const outliving = await viaToken.post('api-tokens', {
      name: 'c',
      expiresAt: new Date(now + 20 * DAY).toISOString(),
    });
    expect(outliving.statusCode).toBe(400);
    const bearer = new Client(t, { bearer: dflt.json().token });
    expect((await bearer.get('auth/me')).statusCode).toBe(200);
    t.clock.advance(90 * DAY + 1000);
    try {
      expect((await bearer.get('auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.set(new Date(now));
    }
  });

  it('a token that ends inside the actor cache’s reuse window is refused from its end on', async () => {
    const u = await agent();
    const now = t.clock.now().getTime();
    const res = await u.client.post('api-tokens', { name: 'short', expiresAt: new Date(now + 1500).toISOString() });
    const bearer = new Client(t, { bearer: res.json().token });
    expect((await bearer.get('auth/me')).statusCode).toBe(200);
    t.clock.advance(1600); // less than ACTOR_TTL_MS after the cached answer
    try {
      expect((await bearer.get('auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.set(new Date(now));
    }
  });
});

describe('sessions', () => {
  it('end at their absolute lifetime however active they were', async () => {
    const u = await agent();
    const start = t.clock.now().getTime();
    try {
      for (let day = 7; day < SESSION_MAX_AGE_MS / DAY; day += 7) {
        t.clock.set(new Date(start + day * DAY));
        expect((await u.client.get('auth/me')).statusCode, `day ${day}`).toBe(200);
      }
      t.clock.set(new Date(start + SESSION_MAX_AGE_MS + 60_000));
      expect((await u.client.get('auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.set(new Date(start));
    }
  });
});
