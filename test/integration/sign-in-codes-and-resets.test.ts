import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sendSms, type SmsJob } from '../../src/server/modules/auth/otp';
import { sendResetMail } from '../../src/server/modules/auth/send-reset-mail.job';
import type { ResetJob } from '../../src/server/modules/auth/forgot-password';
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

// Issue 12, point 1: SMS codes and reset requests follow the rules of passwords — counted per
// account and address, atomically; an unknown account answers as a known one.

let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let n = 0;

const address = () => `203.0.113.${++n}`;
const from = (ip: string) => ({ remoteAddress: ip });
const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode);
const tally = (rs: LightMyRequestResponse[]) =>
  rs.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
const seen = (r: LightMyRequestResponse) => ({
  status: r.statusCode,
  body: r.json() as unknown,
  retryAfter: r.headers['retry-after'],
});

beforeAll(async () => {
  t = await createTestApp();
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

/** Runs the queued SMS jobs to `mobile` through the worker handler; returns the last code sent there. */
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

/** The reset mails queued for one user and not yet sent, marked sent. */
async function takeResetJobs(userId: string): Promise<ResetJob[]> {
  const jobs = await t.deps.database.executeSql<{ id: string; data: ResetJob }>(
    "select id, data from pgboss.job where name = 'mail.password-reset' and state = 'created' and data->>'userId' = $1",
    [userId],
  );
  for (const j of jobs.rows)
    await t.deps.database.executeSql("update pgboss.job set state = 'completed' where id = $1", [j.id]);
  return jobs.rows.map((j) => j.data);
}

describe('SMS codes', () => {
  it('stops 50 parallel code guesses at five; the owner still signs in from elsewhere', async () => {
    const user = await makeUser(t, admin, slug, { role: 'customer', mobile: '09127780001' });
    const anon = new Client(t, { slug });
    expect((await anon.post('auth/otp/request', { mobile: '09127780001' }, from(address()))).statusCode).toBe(202);
    const code = (await deliverSms('09127780001'))!;
    const wrong = code === '000000' ? '111111' : '000000';
    const attacker = address();
    const guesses = await Promise.all(
      Array.from({ length: 50 }, () =>
        anon.post('auth/otp/verify', { mobile: '09127780001', code: wrong }, from(attacker)),
      ),
    );
    expect(tally(guesses)).toEqual({ 400: 5, 429: 45 });
    expect((await anon.post('auth/otp/verify', { mobile: '09127780001', code }, from(attacker))).statusCode).toBe(429);

    // The code took five wrong guesses and is dead; a new one works for the owner, elsewhere.
    const owner = address();
    expect((await anon.post('auth/otp/verify', { mobile: '09127780001', code }, from(owner))).statusCode).toBe(400);
    await anon.post('auth/otp/request', { mobile: '09127780001' }, from(owner));
    const fresh = (await deliverSms('09127780001'))!;
    const ok = await anon.post('auth/otp/verify', { mobile: '09127780001', code: fresh }, from(owner));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(user.id);
  }, 60_000);

  it('answers a known and an unknown mobile alike, for codes asked for and codes guessed', async () => {
    await makeUser(t, admin, slug, { role: 'customer', mobile: '09127780002' });
    const anon = new Client(t, { slug, lang: 'en' });
    const ask = async (mobile: string) => {
      const ip = address();
      const out: LightMyRequestResponse[] = [];
      for (let i = 0; i < 4; i++) out.push(await anon.post('auth/otp/request', { mobile }, from(ip)));
      return out;
    };
    const askedKnown = await ask('09127780002');
    const askedUnknown = await ask('09127780999');
    expect(statuses(askedKnown)).toEqual([202, 202, 202, 429]);
    const withoutMobile = (r: LightMyRequestResponse) => ({ ...seen(r), body: { ...r.json(), mobile: undefined } });
    expect(askedKnown.map(withoutMobile)).toEqual(askedUnknown.map(withoutMobile));

    const guess = async (mobile: string) => {
      const ip = address();
      const out: LightMyRequestResponse[] = [];
      for (let i = 0; i < 10; i++) out.push(await anon.post('auth/otp/verify', { mobile, code: '000000' }, from(ip)));
      return out;
    };
    const known = await guess('09127780002');
    const unknown = await guess('09127780999');
    expect(statuses(known)).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    expect(known.map(seen)).toEqual(unknown.map(seen));
  });
});

describe('password reset requests', () => {
  it('send one mail per account per window, however the login is written; an unknown login answers alike', async () => {
    const username = unique('Reza');
    const email = `${username.toLowerCase()}@reset.test`;
    const user = await makeUser(t, admin, slug, { role: 'customer', username, email, mobile: '09127780003' });
    const spellings = [
      username,
      username.toUpperCase(),
      username.toLowerCase(),
      email,
      email.toUpperCase(),
      '09127780003',
      '+98 912 778 0003',
      '00989127780003',
      '۰۹۱۲۷۷۸۰۰۰۳',
      '٠٩١٢٧٧٨٠٠٠٣',
    ];
    const anon = new Client(t, { slug });
    const ask = async (logins: string[]) => {
      const ip = address();
      const out: LightMyRequestResponse[] = [];
      for (const login of logins) out.push(await anon.post('auth/password/forgot', { login }, from(ip)));
      return out;
    };
    const known = await ask(spellings);
    const ghost = unique('nobody');
    const unknown = await ask([ghost, ghost.toUpperCase(), ...spellings.slice(2).map((_, i) => `${ghost}${i}@x.test`)]);
    expect(known.map(seen)).toEqual(unknown.map(seen));
    expect(statuses(known)).toEqual(Array(10).fill(202));

    const jobs = await takeResetJobs(user.id);
    expect(jobs).toHaveLength(1);
    const before = t.mailer.sent.length;
    await sendResetMail(t.deps)(jobs[0]);
    expect(t.mailer.sent.length).toBe(before + 1);
    expect(t.mailer.sent.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);

    // The next window allows one more, even to ten spellings asked at once.
    t.clock.advance(15 * 60 * 1000);
    const ip = address();
    const parallel = await Promise.all(
      spellings.map((login) => anon.post('auth/password/forgot', { login }, from(ip))),
    );
    expect(statuses(parallel)).toEqual(Array(10).fill(202));
    expect(await takeResetJobs(user.id)).toHaveLength(1);
  });
});
