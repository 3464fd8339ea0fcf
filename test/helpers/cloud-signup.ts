import { expect } from 'vitest';
import { smsSealer, type SmsJob } from '../../src/server/modules/auth';
import { sendSms } from '../../src/server/modules/auth/otp';
import { sendSignupSms, type SignupSmsJob } from '../../src/server/modules/cloud-signup/signup-code';
import { Client, unique, type TestApp } from './test-app';

/** Cloud sign-up from outside (issue 19): visitors, their SMS codes and the admin's link. */
let seq = 0;
/** A mobile nobody else in this run uses (the owner's mobile is unique across the platform). */
export const newMobile = () => `0935${String(process.pid % 1000).padStart(3, '0')}${String(seq++).padStart(4, '0')}`;
/** An address of its own per test, so the per-address limits of one test do not reach another. */
export const newIp = () => `10.${(process.pid >> 8) % 250}.${process.pid % 250}.${(seq++ % 250) + 1}`;
export const newSlug = () =>
  unique('org')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 28);
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
export const persian = (s: string) => s.replace(/\d/g, (d) => PERSIAN[Number(d)]);

/** A visitor of the platform from one address. */
export const visitor = (app: TestApp, ip = newIp(), lang = 'en') => {
  const c = new Client(app, { lang });
  return {
    post: (url: string, body: unknown, headers: Record<string, string> = {}) =>
      c.post(url, body, { remoteAddress: ip, headers }),
    get: (url: string, headers: Record<string, string> = {}) => c.get(url, { remoteAddress: ip, headers }),
  };
};

/** Runs the queued sign-up SMS to `mobile` through the worker; answers the last code it got. */
export async function signupCode(app: TestApp, mobile: string): Promise<string | null> {
  const jobs = await app.deps.database.executeSql<{ id: string; data: SignupSmsJob }>(
    "select id, data from pgboss.job where name = 'cloud.signup-sms' and state = 'created' and data->>'to' = $1",
    [mobile],
  );
  for (const j of jobs.rows) {
    await sendSignupSms(app.deps)(j.data);
    await app.deps.database.executeSql("update pgboss.job set state = 'completed' where id = $1", [j.id]);
  }
  const last = app.sms.sent.filter((m) => m.to === mobile).at(-1);
  return last ? /(\d{6})/.exec(last.text)![1] : null;
}

/** The admin-link SMS queued for the workspace: its text (opened from the sealed job), then sent. */
export async function adminLink(app: TestApp, workspaceId: string, mobile: string) {
  const jobs = await app.deps.database.executeSql<{ id: string; data: SmsJob }>(
    "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and (data->>'workspaceId')::bigint = $1 and data->>'to' = $2",
    [Number(workspaceId), mobile],
  );
  expect(jobs.rows).toHaveLength(1);
  const text = smsSealer(app.deps.config.secretKey).open(jobs.rows[0].data.sealedText);
  await sendSms(app.deps)(jobs.rows[0].data);
  return text;
}

export async function startOk(v: ReturnType<typeof visitor>, body: Record<string, unknown>) {
  const res = await v.post('public/signup', { acceptTerms: true, organisation: 'Acme Co', ...body });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { expiresIn: number; resendIn: number };
}

/** A whole sign-up: answers the verify response and what it made. */
export async function signUp(app: TestApp, opts: { mobile?: string; slug?: string; organisation?: string } = {}) {
  const v = visitor(app);
  const mobile = opts.mobile ?? newMobile();
  const slug = opts.slug ?? newSlug();
  await startOk(v, { mobile, slug, organisation: opts.organisation ?? `Org ${slug}` });
  const code = await signupCode(app, mobile);
  const res = await v.post('public/signup/verify', { mobile, code });
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies.find((c) => c.name === 'pk_session')!;
  return { res, body: res.json(), mobile, slug, cookie, v };
}
