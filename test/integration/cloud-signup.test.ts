import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsSealer, type SmsJob } from '../../src/server/modules/auth';
import { sendSms } from '../../src/server/modules/auth/otp';
import { sendSignupSms, type SignupSmsJob } from '../../src/server/modules/cloud-signup/signup-code';
import { queryRows } from '../../src/server/platform/db/database';
import { Client, createTestApp, unique, type TestApp } from '../helpers/test-app';

/** Cloud sign-up (issue 19, I1): an organisation gets its own helpdesk by mobile, address and SMS code. */
const PUBLIC_URL = 'http://pishkhan.test';
const DOMAIN = 'helpdesk.test';
const CLOUD = { CLOUD: 'true', ZARINPAL_MERCHANT_ID: 'test', PUBLIC_URL };
let t: TestApp;
/** The same platform with CLOUD_DOMAIN: workspaces at `<slug>.helpdesk.test`. */
let td: TestApp;

beforeAll(async () => {
  [t, td] = await Promise.all([
    createTestApp('postgres', CLOUD),
    createTestApp('postgres', { ...CLOUD, CLOUD_DOMAIN: DOMAIN }),
  ]);
});
afterAll(async () => {
  await t?.close();
  await td?.close();
});

let seq = 0;
/** A mobile nobody else in this run uses (the owner's mobile is unique across the platform). */
const newMobile = () => `0935${String(process.pid % 1000).padStart(3, '0')}${String(seq++).padStart(4, '0')}`;
/** An address of its own per test, so the per-address limits of one test do not reach another. */
const newIp = () => `10.${(process.pid >> 8) % 250}.${process.pid % 250}.${(seq++ % 250) + 1}`;
const newSlug = () =>
  unique('org')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 28);
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const persian = (s: string) => s.replace(/\d/g, (d) => PERSIAN[Number(d)]);

/** A visitor of the platform from one address. */
const visitor = (app: TestApp, ip = newIp(), lang = 'en') => {
  const c = new Client(app, { lang });
  return {
    post: (url: string, body: unknown, headers: Record<string, string> = {}) =>
      c.post(url, body, { remoteAddress: ip, headers }),
    get: (url: string, headers: Record<string, string> = {}) => c.get(url, { remoteAddress: ip, headers }),
  };
};

/** Runs the queued sign-up SMS to `mobile` through the worker; answers the last code it got. */
async function signupCode(app: TestApp, mobile: string): Promise<string | null> {
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
async function adminLink(app: TestApp, workspaceId: string, mobile: string) {
  const jobs = await app.deps.database.executeSql<{ id: string; data: SmsJob }>(
    "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and (data->>'workspaceId')::bigint = $1 and data->>'to' = $2",
    [Number(workspaceId), mobile],
  );
  expect(jobs.rows).toHaveLength(1);
  const text = smsSealer(app.deps.config.secretKey).open(jobs.rows[0].data.sealedText);
  await sendSms(app.deps)(jobs.rows[0].data);
  return text;
}

async function startOk(v: ReturnType<typeof visitor>, body: Record<string, unknown>) {
  const res = await v.post('public/signup', { acceptTerms: true, organisation: 'Acme Co', ...body });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { expiresIn: number; resendIn: number };
}

/** A whole sign-up: answers the verify response and what it made. */
async function signUp(app: TestApp, opts: { mobile?: string; slug?: string; organisation?: string } = {}) {
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

describe('cloud sign-up (I1)', () => {
  it('tells the web app it runs in cloud mode, and under which domain', async () => {
    expect((await visitor(t).get('public/platform')).json()).toEqual({ cloud: true, domain: null, workspace: false });
    expect((await visitor(td).get('public/platform')).json()).toEqual({
      cloud: true,
      domain: DOMAIN,
      workspace: false,
    });
  });

  it('makes the workspace and its signed-in admin after the SMS code; the admin link goes by SMS', async () => {
    const v = visitor(t);
    const mobile = newMobile();
    const slug = newSlug();
    const started = await startOk(v, { mobile, slug, organisation: 'شرکت نمونه', locale: 'fa' });
    expect(started).toEqual({ expiresIn: 300, resendIn: 60 });
    // Nothing exists before the code is verified.
    expect((await v.get('public/settings', { 'x-workspace': slug })).statusCode).toBe(404);

    const queued = await t.deps.database.executeSql<{ data: unknown }>(
      "select data from pgboss.job where name = 'cloud.signup-sms' and data->>'to' = $1",
      [mobile],
    );
    const code = await signupCode(t, mobile);
    expect(code).toMatch(/^\d{6}$/);
    expect(t.sms.sent.at(-1)!.text).toContain('پیشخوان');
    // Neither the job table nor the sign-up row holds the code in clear.
    expect(JSON.stringify(queued.rows)).not.toContain(code);
    const stored = await queryRows<{ code_hash: string }>(
      t.deps.database.db,
      sql`select code_hash from signups where mobile = ${mobile}`,
    );
    expect(stored[0].code_hash).not.toContain(code);

    const res = await v.post('public/signup/verify', { mobile, code });
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json();
    expect(done).toMatchObject({
      workspace: { slug, name: 'شرکت نمونه', url: `${PUBLIC_URL}/w/${slug}` },
      user: { username: slug, mobile },
    });
    const cookie = res.cookies.find((c) => c.name === 'pk_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });

    // The cookie alone signs the admin in to the new workspace (no x-workspace needed).
    const admin = new Client(t, { cookie: cookie.value, csrf: done.csrfToken, lang: 'en' });
    const me = await admin.get('auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user).toMatchObject({ role: 'admin', username: slug, mobile, locale: 'fa' });
    // A write with the CSRF token of the answer works.
    const created = await admin.post('users', { role: 'customer', username: unique('c'), password: 'user-password-1' });
    expect(created.statusCode, created.body).toBe(201);

    // The workspace's settings: the organisation's name as title, the sign-up's language.
    const settings = (await v.get('public/settings', { 'x-workspace': slug })).json();
    expect(settings).toMatchObject({ title: 'شرکت نمونه', defaultLocale: 'fa' });

    // The admin's sign-in link, by SMS, to this workspace's own address.
    const link = await adminLink(t, done.workspace.id, mobile);
    expect(link).toContain(`${PUBLIC_URL}/w/${slug}/login?tab=otp&mobile=${mobile}`);
    expect(t.sms.sent.some((m) => m.to === mobile && m.text === link)).toBe(true);

    // The sign-up is gone, the creation audited, the trial subscription names the owner's mobile.
    const left = await queryRows(t.deps.database.db, sql`select 1 from signups where mobile = ${mobile}`);
    expect(left).toHaveLength(0);
    const audited = await queryRows<{ action: string; ip: string }>(
      t.deps.database.db,
      sql`select action, ip from audit_log where workspace_id = ${Number(done.workspace.id)} and action = 'workspace.signed_up'`,
    );
    expect(audited).toHaveLength(1);
    const owner = await queryRows<{ owner_mobile: string }>(
      t.deps.database.db,
      sql`select owner_mobile from subscriptions where workspace_id = ${Number(done.workspace.id)}`,
    );
    expect(owner).toEqual([{ owner_mobile: mobile }]);
    // Used once.
    expect((await v.post('public/signup/verify', { mobile, code })).statusCode).toBe(400);
  });

  it('refuses an address that is already a helpdesk, and a mobile that already owns one', async () => {
    const first = await signUp(t);
    const v = visitor(t);
    const slugTaken = await v.post('public/signup', {
      mobile: newMobile(),
      slug: first.slug,
      organisation: 'Copycat',
      acceptTerms: true,
    });
    expect(slugTaken.statusCode).toBe(409);
    expect(slugTaken.json().error.fields.slug).toMatch(/Another helpdesk already has this address/);

    const mobileTaken = await v.post('public/signup', {
      mobile: first.mobile,
      slug: newSlug(),
      organisation: 'Second',
      acceptTerms: true,
    });
    expect(mobileTaken.statusCode).toBe(409);
    expect(mobileTaken.json().error.fields.mobile).toMatch(/Sign in to it instead/);
    // In Persian too.
    const fa = await visitor(t, newIp(), 'fa').post('public/signup', {
      mobile: first.mobile,
      slug: newSlug(),
      organisation: 'Second',
      acceptTerms: true,
    });
    expect(fa.json().error.fields.mobile).toContain('پیوند ورود مدیر');
  });

  it('refuses a reserved address, a malformed one and unaccepted terms', async () => {
    const v = visitor(t);
    const reserved = await v.post('public/signup', {
      mobile: newMobile(),
      slug: 'support',
      organisation: 'Org',
      acceptTerms: true,
    });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.fields.slug).toMatch(/reserved/);
    const bad = await v.post('public/signup', {
      mobile: newMobile(),
      slug: '9-bad_slug',
      organisation: 'Org',
      acceptTerms: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.slug).toMatch(/lower-case English letters/);
    const terms = await v.post('public/signup', {
      mobile: newMobile(),
      slug: newSlug(),
      organisation: 'Org',
      acceptTerms: false,
    });
    expect(terms.statusCode).toBe(400);
    expect(terms.json().error.fields.acceptTerms).toBeDefined();
  });

  it('a sign-up dies after five wrong codes; an expired code is refused', async () => {
    const v = visitor(t);
    const mobile = newMobile();
    await startOk(v, { mobile, slug: newSlug() });
    const code = (await signupCode(t, mobile))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await v.post('public/signup/verify', { mobile, code: wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.code).toMatch(/wrong/);
    }
    const fifth = await v.post('public/signup/verify', { mobile, code: wrong });
    expect(fifth.json().error.fields.code).toMatch(/Too many wrong codes/);
    // Void: even the right code no longer works.
    const late = await v.post('public/signup/verify', { mobile, code });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields.code).toMatch(/No sign-up is waiting/);

    const m2 = newMobile();
    await startOk(v, { mobile: m2, slug: newSlug() });
    const c2 = await signupCode(t, m2);
    t.clock.advance(301_000);
    const expired = await v.post('public/signup/verify', { mobile: m2, code: c2 });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.fields.code).toMatch(/expired/);
  });

  it('limits codes per mobile and sign-ups per address, and makes a second code wait', async () => {
    // At the start of an hour, so that the fixed windows do not turn over mid-test.
    t.clock.set(new Date(Math.ceil(t.clock.now().getTime() / 3_600_000) * 3_600_000 + 3_600_000));
    const v = visitor(t);
    const mobile = newMobile();
    const slug = newSlug();
    await startOk(v, { mobile, slug });
    const again = await v.post('public/signup', { mobile, slug, organisation: 'Acme', acceptTerms: true });
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(60);
    expect(again.json().error.message).toMatch(/another one in 60 second/);
    t.clock.advance(61_000);
    await startOk(v, { mobile, slug }); // the second code to this mobile
    t.clock.advance(61_000);
    await startOk(v, { mobile, slug }); // the third
    t.clock.advance(61_000);
    const fourth = await v.post('public/signup', { mobile, slug, organisation: 'Acme', acceptTerms: true });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.message).toMatch(/Too many sign-ups/);
    // Three codes went out to that mobile.
    const before = t.sms.sent.length;
    await signupCode(t, mobile);
    expect(t.sms.sent.length - before).toBe(3);

    // Ten sign-ups from one address in an hour: four counted already (the refused fourth too).
    for (let i = 0; i < 6; i++) await startOk(v, { mobile: newMobile(), slug: newSlug() });
    const eleventh = await v.post('public/signup', {
      mobile: newMobile(),
      slug: newSlug(),
      organisation: 'Acme',
      acceptTerms: true,
    });
    expect(eleventh.statusCode).toBe(429);
    // Another address is not affected.
    await startOk(visitor(t), { mobile: newMobile(), slug: newSlug() });
  });

  it('accepts Persian digits in the mobile and the code', async () => {
    const v = visitor(t);
    const mobile = newMobile();
    const slug = newSlug();
    await startOk(v, { mobile: persian(mobile), slug, organisation: 'Persian digits' });
    const code = (await signupCode(t, mobile))!;
    const res = await v.post('public/signup/verify', { mobile: persian(mobile), code: persian(code) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.mobile).toBe(mobile);
  });

  it('a sign-up in English gets its workspace, its code and its admin link in English', async () => {
    const v = visitor(t);
    const mobile = newMobile();
    const slug = newSlug();
    await startOk(v, { mobile, slug, organisation: 'English Co', locale: 'en' });
    const code = (await signupCode(t, mobile))!;
    const res = await v.post('public/signup/verify', { mobile, code });
    expect(res.statusCode, res.body).toBe(201);
    const link = await adminLink(t, res.json().workspace.id, mobile);
    expect(link).toContain(`/w/${slug}/login`);
    expect(link).not.toMatch(/[\u0600-\u06ff]/);
  });

  it('refuses, at verification, an address taken since the code was sent', async () => {
    const slug = newSlug();
    const a = visitor(t);
    const b = visitor(t);
    const ma = newMobile();
    const mb = newMobile();
    await startOk(a, { mobile: ma, slug });
    await startOk(b, { mobile: mb, slug });
    const ca = await signupCode(t, ma);
    const cb = await signupCode(t, mb);
    expect((await a.post('public/signup/verify', { mobile: ma, code: ca })).statusCode).toBe(201);
    const lost = await b.post('public/signup/verify', { mobile: mb, code: cb });
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.fields.slug).toBeDefined();
    // The lost sign-up is gone: the organisation starts again at once with another address.
    await startOk(b, { mobile: mb, slug: newSlug() });
  });

  it('three sign-ups make three workspaces that see nothing of each other', async () => {
    const made = [await signUp(t), await signUp(t), await signUp(t)];
    expect(new Set(made.map((m) => m.body.workspace.id)).size).toBe(3);
    for (const m of made) {
      const admin = new Client(t, { cookie: m.cookie.value, csrf: m.body.csrfToken });
      const users = (await admin.get('users?pageSize=100')).json();
      expect(users.items.map((u: { username: string }) => u.username)).toEqual([m.slug]);
      for (const other of made.filter((o) => o !== m)) {
        const theirs = await admin.get(`users/${other.body.user.id}`);
        expect(theirs.statusCode).toBe(404);
      }
    }
  });

  it('reaches a workspace by x-workspace and by <slug>.<CLOUD_DOMAIN>; the bare platform has none', async () => {
    const { body, slug, mobile } = await signUp(td, { organisation: 'Domain Org' });
    expect(body.workspace.url).toBe(`http://${slug}.${DOMAIN}`);
    expect(await adminLink(td, body.workspace.id, mobile)).toContain(
      `http://${slug}.${DOMAIN}/login?tab=otp&mobile=${mobile}`,
    );
    const v = visitor(td);
    const byHeader = await v.get('public/settings', { 'x-workspace': slug });
    expect(byHeader.statusCode).toBe(200);
    expect(byHeader.json().title).toBe('Domain Org');
    const byHost = await v.get('public/settings', { host: `${slug}.${DOMAIN}` });
    expect(byHost.statusCode).toBe(200);
    expect(byHost.json().title).toBe('Domain Org');
    // The apex (and PUBLIC_URL's host) is the platform: no workspace routes there.
    expect((await v.get('public/settings', { host: DOMAIN })).statusCode).toBe(404);
    expect((await visitor(t).get('public/settings', { host: 'pishkhan.test' })).statusCode).toBe(404);
    expect((await v.get('public/settings', { host: `nobody-here.${DOMAIN}` })).statusCode).toBe(404);
    // The platform's own routes answer there, and say whether a workspace answers at the address.
    expect((await v.get('public/platform', { host: DOMAIN })).json().workspace).toBe(false);
    expect((await v.get('public/platform', { host: `${slug}.${DOMAIN}` })).json().workspace).toBe(true);
    expect((await v.get('public/platform', { 'x-workspace': slug })).json().workspace).toBe(true);
  });

  it('with CLOUD_DOMAIN, the sign-up hands its session over to the workspace’s own host, once', async () => {
    const { body, slug } = await signUp(td, { organisation: 'Handoff Org' });
    const signIn = new URL(body.signInUrl);
    expect(signIn.origin).toBe(`http://${slug}.${DOMAIN}`);
    expect(signIn.pathname).toBe('/api/v1/public/signup/handoff');
    const path = signIn.pathname + signIn.search;
    const host = { host: `${slug}.${DOMAIN}` };
    // Another workspace's host does not take it.
    const other = await signUp(td, { organisation: 'Other Org' });
    const elsewhere = await td.app.inject({ method: 'GET', url: path, headers: { host: `${other.slug}.${DOMAIN}` } });
    expect(elsewhere.statusCode).toBe(303);
    expect(elsewhere.headers.location).toBe('/login');
    expect(elsewhere.cookies).toHaveLength(0);
    const res = await td.app.inject({ method: 'GET', url: path, headers: host });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = res.cookies.find((c) => c.name === 'pk_session')!;
    const me = await td.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...host, cookie: `pk_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(slug);
    // Used once; a forged token and an expired one lead to the sign-in page.
    const again = await td.app.inject({ method: 'GET', url: path, headers: host });
    expect(again.headers.location).toBe('/login');
    const forged = await td.app.inject({
      method: 'GET',
      url: `${signIn.pathname}?token=v1.abc.def.ghi`,
      headers: host,
    });
    expect(forged.headers.location).toBe('/login');
    const late = await signUp(td, { organisation: 'Late Org' });
    td.clock.advance(121_000);
    const lateUrl = new URL(late.body.signInUrl);
    const expired = await td.app.inject({
      method: 'GET',
      url: lateUrl.pathname + lateUrl.search,
      headers: { host: `${late.slug}.${DOMAIN}` },
    });
    expect(expired.headers.location).toBe('/login');
  });
});

describe('self-hosted', () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await createTestApp('postgres', { PUBLIC_URL });
  });
  afterAll(() => s?.close());

  it('has no sign-up, and says it is not the cloud', async () => {
    const v = visitor(s);
    const res = await v.post('public/signup', {
      mobile: newMobile(),
      slug: newSlug(),
      organisation: 'Org',
      acceptTerms: true,
    });
    expect(res.statusCode).toBe(404);
    expect((await v.post('public/signup/verify', { mobile: newMobile(), code: '123456' })).statusCode).toBe(404);
    expect((await v.get('public/platform')).json()).toEqual({ cloud: false, domain: null, workspace: true });
  });
});
