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

let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

/** Runs the queued SMS jobs of this workspace through the worker handler; returns the last code sent to `mobile`. */
async function deliverSms(mobile: string): Promise<string | null> {
  const jobs = await t.deps.database.executeSql<{ id: string; data: SmsJob }>(
    "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and (data->>'workspaceId')::bigint = $1 and data->>'to' = $2",
    [workspaceId, mobile],
  );
  for (const j of jobs.rows) {
    await sendSms(t.deps)(j.data);
    await t.deps.database.executeSql("update pgboss.job set state = 'completed' where id = $1", [j.id]);
  }
  const last = t.sms.sent.filter((m) => m.to === mobile).at(-1);
  return last ? /(\d{6})/.exec(last.text)![1] : null;
}

describe('sign-up and sign-in by SMS code (A2)', () => {
  it('registers a customer only after the code is verified; the code is never stored or queued in clear', async () => {
    const anon = new Client(t, { slug, lang: 'en' });
    const res = await anon.post('auth/register', {
      mobile: '+98 912 777 0001',
      username: 'newbie',
      name: 'Newbie',
      acceptTerms: true,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mobile: '09127770001', expiresInSeconds: 300 });
    expect((await admin.get('users?q=newbie')).json().total).toBe(0);
    const queued = await t.deps.database.executeSql<{ data: unknown }>(
      "select data from pgboss.job where name = 'sms.send' and data->>'to' = '09127770001'",
    );
    const code = await deliverSms('09127770001');
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(queued.rows)).not.toContain(code);
    const stored = await t.deps.database.executeSql<{ code_hash: string }>(
      "select code_hash from otp_codes where mobile = '09127770001'",
    );
    expect(stored.rows[0].code_hash).not.toContain(code);

    const verified = await anon.post('auth/otp/verify', {
      mobile: '09127770001',
      code: code!.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ role: 'customer', username: 'newbie', mobile: '09127770001' });
    expect(verified.cookies.find((c) => c.name === 'pk_session')).toBeDefined();
    // Used once.
    expect((await anon.post('auth/otp/verify', { mobile: '09127770001', code })).statusCode).toBe(400);
  });

  it('refuses a taken mobile or username with a clear message, and unaccepted terms', async () => {
    const taken = await makeUser(t, admin, slug, { role: 'customer', mobile: '09127770002' });
    const anon = new Client(t, { slug, lang: 'en' });
    const dup = await anon.post('auth/register', {
      mobile: '09127770002',
      username: taken.username,
      acceptTerms: true,
    });
    expect(dup.statusCode).toBe(400);
    expect(Object.keys(dup.json().error.fields).sort()).toEqual(['mobile', 'username']);
    const terms = await anon.post('auth/register', {
      mobile: '09127770003',
      username: 'termsless',
      acceptTerms: false,
    });
    expect(terms.json().error.fields.acceptTerms).toBe('You must accept the terms to sign up.');
    const bad = await anon.post('auth/register', { mobile: '0912', username: 'x', acceptTerms: true });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['mobile', 'username']);
  });

  it('is closed when customers may not register', async () => {
    const other = await newWorkspace(t);
    const a2 = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    await a2.patch('settings', { customersCanRegister: false });
    const res = await new Client(t, { slug: other.slug }).post('auth/register', {
      mobile: '09127770004',
      username: 'closed1',
      acceptTerms: true,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('ثبت‌نام');
  });

  it('signs an existing account in by code; wrong guesses kill the code; codes expire; unknown mobiles get the same answer', async () => {
    const u = await makeUser(t, admin, slug, { role: 'customer', mobile: '09127770005' });
    const anon = new Client(t, { slug });
    expect((await anon.post('auth/otp/request', { mobile: '09127770005' })).statusCode).toBe(202);
    const code = await deliverSms('09127770005');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await anon.post('auth/otp/verify', { mobile: '09127770005', code: wrong })).statusCode).toBe(400);
    // After five wrong codes this address waits a second before its next try (sign-in-guessing.test.ts)…
    expect((await anon.post('auth/otp/verify', { mobile: '09127770005', code })).statusCode).toBe(429);
    t.clock.advance(1000);
    expect((await anon.post('auth/otp/verify', { mobile: '09127770005', code })).statusCode).toBe(400); // …and the code is dead

    t.clock.advance(11 * 60 * 1000); // past the per-mobile request window
    await anon.post('auth/otp/request', { mobile: '09127770005' });
    const fresh = await deliverSms('09127770005');
    const ok = await anon.post('auth/otp/verify', { mobile: '09127770005', code: fresh });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(u.id);

    t.clock.advance(11 * 60 * 1000);
    await anon.post('auth/otp/request', { mobile: '09127770005' });
    const late = await deliverSms('09127770005');
    t.clock.advance(6 * 60 * 1000); // the code lives five minutes
    expect((await anon.post('auth/otp/verify', { mobile: '09127770005', code: late })).statusCode).toBe(400);

    const before = t.sms.sent.length;
    expect((await anon.post('auth/otp/request', { mobile: '09127770999' })).statusCode).toBe(202);
    expect(await deliverSms('09127770999')).toBeNull();
    expect(t.sms.sent.length).toBe(before);
  });

  it('limits how often codes are sent to one mobile', async () => {
    await makeUser(t, admin, slug, { role: 'customer', mobile: '09127770006' });
    const anon = new Client(t, { slug });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await anon.post('auth/otp/request', { mobile: '09127770006' })).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
  });
});
