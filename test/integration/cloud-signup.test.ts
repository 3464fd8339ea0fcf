import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/database';
import {
  adminLink,
  newIp,
  newMobile,
  newSlug,
  persian,
  signUp,
  signupCode,
  startOk,
  visitor,
} from '../helpers/cloud-signup';
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
});
