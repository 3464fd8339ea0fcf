import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TPlanLimits } from '../../src/contracts/cloud';
import {
  clearSubscriptionCache,
  createPlan,
  ensureTrialPlan,
  getPlatformSettings,
  getTrialPlan,
} from '../../src/server/modules/cloud';
import { sendSms, type SmsJob } from '../../src/server/modules/auth/otp';
import { queryRows } from '../../src/server/platform/db/database';
import { addDirectory } from '../helpers/directory-fixtures';
import { startFakeZarinpal, type FakeZarinpal } from '../helpers/fake-zarinpal';
import { startSlapd } from '../helpers/slapd';
import { expectLimit, person, workspaceOn as cloudWorkspaceOn } from '../helpers/cloud';
import { ADMIN_PASSWORD, Client, createTestApp, newWorkspace, signIn, unique, type TestApp } from '../helpers/test-app';

/**
 * Cloud mode (issue 19): plans, each workspace's subscription, the plans' limits and read-only
 * on expiry or suspension. The database is shared with other test files, so every test puts its
 * workspace on a plan of its own (inactive, so no plan list elsewhere shows it) and never changes
 * the shared trial plan or the platform settings.
 */
let t: TestApp;
let self: TestApp;
let fake: FakeZarinpal;
const DAY = 86_400_000;

beforeAll(async () => {
  fake = await startFakeZarinpal();
  const env = { ZARINPAL_URL: fake.baseUrl, ZARINPAL_MERCHANT_ID: fake.merchantId, PUBLIC_URL: 'http://pishkhan.test' };
  t = await createTestApp('postgres', { ...env, CLOUD: 'true' });
  self = await createTestApp('postgres', env);
});
afterAll(async () => {
  await t?.close();
  await self?.close();
  await fake?.stop();
});

const run = <T>(q: SQL) => queryRows<T>(t.deps.database.db, q);

/** A cloud workspace on a plan of its own with `limits`. */
const workspaceOn = (limits: Partial<TPlanLimits>) => cloudWorkspaceOn(t, limits);

describe('plans and the trial subscription', () => {
  it('starts every new workspace on the trial plan, for its trial days, with its usage', async () => {
    // Start-up makes it (createTestApp does not run bootstrap); idempotent, as start-up calls it every time.
    const trial = await ensureTrialPlan(t.deps.database.db, t.clock.now());
    expect(await ensureTrialPlan(t.deps.database.db, t.clock.now())).toEqual(trial);
    expect(await getTrialPlan(t.deps.database.db)).toEqual(trial);
    const w = await newWorkspace(t);
    const admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
    const res = await admin.get('billing/subscription');
    expect(res.statusCode, res.body).toBe(200);
    const settings = await getPlatformSettings(t.deps.database.db);
    const endsAt = new Date(t.clock.now().getTime() + trial.trialDays * DAY);
    expect(res.json()).toEqual({
      plan: expect.objectContaining({ id: String(trial.id), trial: true }),
      state: 'trial',
      endsAt: endsAt.toISOString(),
      graceEndsAt: new Date(endsAt.getTime() + settings.graceDays * DAY).toISOString(),
      usage: { agents: 1, customers: 0, departments: 0 },
      suspensionMessage: null,
    });
  });

  it('lists the active plans in order to billing managers only; one active trial plan at most', async () => {
    const w = await workspaceOn({});
    const res = await w.admin.get('billing/plans');
    expect(res.statusCode, res.body).toBe(200);
    const plans = res.json() as { id: string; trial: boolean; active: boolean; position: number }[];
    expect(plans.every((p) => p.active)).toBe(true);
    expect(plans.some((p) => p.id === w.planId)).toBe(false);
    expect(plans.filter((p) => p.trial)).toHaveLength(1);
    const order = plans.map((p) => [p.position, Number(p.id)]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));

    const agent = await w.admin.post('users', person('agent'));
    const asAgent = await signIn(t, w.slug, agent.json().username, 'user-password-1');
    expect((await asAgent.get('billing/plans')).statusCode).toBe(403);
    expect((await asAgent.get('billing/subscription')).statusCode).toBe(403);

    await expect(
      createPlan(
        t.deps.database.db,
        {
          name: 'دوم',
          nameEn: 'Second trial',
          limits: { agents: 1, customers: 1, departments: 1 },
          prices: [],
          trial: true,
          trialDays: 7,
          active: true,
          position: 0,
        },
        t.clock.now(),
      ),
    ).rejects.toMatchObject({ code: 'conflict', msg: { key: 'errors.plan_trial_exists' } });
  });
});

describe('limits', () => {
  it('agents: admins and agents count; the last allowed succeeds, the next is 402 in fa and en', async () => {
    const w = await workspaceOn({ agents: 3 });
    // The first admin is one; an agent and an admin make three.
    expect((await w.admin.post('users', person('agent'))).statusCode).toBe(201);
    const second = await w.admin.post('users', person('admin'));
    expect(second.statusCode).toBe(201);
    const en = await w.admin.post('users', person('agent'), { headers: { 'accept-language': 'en' } });
    expect(expectLimit(en, 'agents', 3)).toBe(
      'Your plan allows 3 active agents and administrators. Upgrade the plan, or deactivate someone first.',
    );
    const fa = await w.admin.post('users', person('admin'), { headers: { 'accept-language': 'fa' } });
    expect(expectLimit(fa, 'agents', 3)).toBe(
      'طرح شما ۳ کارشناس و مدیر سامانهٔ فعال را اجازه می‌دهد. طرح را ارتقا دهید یا نخست یکی را غیرفعال کنید.',
    );
    // Inactive people and customers take no agent's place.
    expect((await w.admin.post('users', person('agent', { active: false }))).statusCode).toBe(201);
    const customer = await w.admin.post('users', person('customer'));
    expect(customer.statusCode).toBe(201);
    // Making a customer staff, or reactivating someone, takes a place.
    expectLimit(await w.admin.patch(`users/${customer.json().id}`, { role: 'agent' }), 'agents', 3);
    expect((await w.admin.patch(`users/${second.json().id}`, { active: false })).statusCode).toBe(200);
    expect((await w.admin.post('users', person('agent'))).statusCode).toBe(201);
    expectLimit(await w.admin.patch(`users/${second.json().id}`, { active: true }), 'agents', 3);
    const usage = (await w.admin.get('billing/subscription')).json().usage;
    expect(usage).toEqual({ agents: 3, customers: 1, departments: 0 });
  });

  it('customers: created by staff or signing up by SMS code; the next one is refused', async () => {
    const w = await workspaceOn({ customers: 2 });
    expect((await w.admin.post('users', person('customer'))).statusCode).toBe(201);
    // The second customer signs up herself.
    const anon = new Client(t, { slug: w.slug, lang: 'en' });
    const mobile1 = `0912${String(Date.now()).slice(-7)}`;
    expect(
      (await anon.post('auth/register', { mobile: mobile1, username: unique('c'), acceptTerms: true })).statusCode,
    ).toBe(202);
    const ok = await anon.post('auth/otp/verify', { mobile: mobile1, code: await smsCode(w.workspaceId, mobile1) });
    expect(ok.statusCode, ok.body).toBe(200);
    const fa = await w.admin.post('users', person('customer'));
    expect(expectLimit(fa, 'customers', 2)).toBe(
      'طرح شما ۲ مشتری فعال را اجازه می‌دهد. طرح را ارتقا دهید یا نخست مشتری‌ای را غیرفعال کنید.',
    );
    // A third signing up by code: the code is right, the plan is full.
    const mobile2 = `0935${String(Date.now()).slice(-7)}`;
    expect(
      (await anon.post('auth/register', { mobile: mobile2, username: unique('c'), acceptTerms: true })).statusCode,
    ).toBe(202);
    const full = await anon.post('auth/otp/verify', { mobile: mobile2, code: await smsCode(w.workspaceId, mobile2) });
    expect(expectLimit(full, 'customers', 2)).toBe(
      'Your plan allows 2 active customers. Upgrade the plan, or deactivate a customer first.',
    );
    const [{ n }] = await run<{ n: number }>(
      sql`select count(*)::int as n from users where workspace_id = ${w.workspaceId} and role = 'customer'`,
    );
    expect(n).toBe(2);
  });

  it('departments: create and reactivate count; inactive ones do not', async () => {
    const w = await workspaceOn({ departments: 2 });
    expect((await w.admin.post('departments', { name: 'یک' })).statusCode).toBe(201);
    expect((await w.admin.post('departments', { name: 'دو' })).statusCode).toBe(201);
    const en = await w.admin.post('departments', { name: 'سه' }, { headers: { 'accept-language': 'en' } });
    expect(expectLimit(en, 'departments', 2)).toBe(
      'Your plan allows 2 active departments. Upgrade the plan, or deactivate a department first.',
    );
    const fa = await w.admin.post('departments', { name: 'سه' });
    expect(expectLimit(fa, 'departments', 2)).toBe(
      'طرح شما ۲ بخش فعال را اجازه می‌دهد. طرح را ارتقا دهید یا نخست بخشی را غیرفعال کنید.',
    );
    const off = await w.admin.post('departments', { name: 'خاموش', active: false });
    expect(off.statusCode).toBe(201);
    expectLimit(await w.admin.patch(`departments/${off.json().id}`, { active: true }), 'departments', 2);
    // A change that does not reactivate is not a new place.
    expect((await w.admin.patch(`departments/${off.json().id}`, { name: 'هنوز خاموش' })).statusCode).toBe(200);
  });

  it('parallel creates at the boundary: exactly the allowed number get in', async () => {
    const w = await workspaceOn({ agents: 4, departments: 3 });
    const agents = await Promise.all(Array.from({ length: 8 }, () => w.admin.post('users', person('agent'))));
    expect(agents.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(agents.filter((r) => r.statusCode === 402)).toHaveLength(5);
    const departments = await Promise.all(
      Array.from({ length: 8 }, (_, i) => w.admin.post('departments', { name: `بخش ${i}` })),
    );
    expect(departments.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(departments.filter((r) => r.statusCode === 402)).toHaveLength(5);
    expect((await w.admin.get('billing/subscription')).json().usage).toEqual({
      agents: 4,
      customers: 0,
      departments: 3,
    });
  });

  it('a workspace without a subscription (made before cloud mode) is unlimited and active', async () => {
    const w = await workspaceOn({ departments: 0 });
    await run(sql`delete from subscriptions where workspace_id = ${w.workspaceId}`);
    clearSubscriptionCache();
    expect((await w.admin.post('departments', { name: 'آزاد' })).statusCode).toBe(201);
    const sub = (await w.admin.get('billing/subscription')).json();
    expect(sub).toMatchObject({
      state: 'active',
      plan: { limits: { agents: null, customers: null, departments: null } },
    });
  });
});

describe('directory sync past a limit', () => {
  it('leaves out whoever would pass it, reports them as limitReached, and takes them in once there is room', async () => {
    const slapd = await startSlapd();
    try {
      // Only the first admin fits: every staff entry of the directory is past the limit.
      const w = await workspaceOn({ agents: 1 });
      const dir = await addDirectory(w.admin, slapd, {
        activeDirectory: true,
        groupMappings: [
          { groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' },
          { groupDn: slapd.groupDn('helpdesk-admins'), role: 'admin' },
        ],
      });
      const res = await w.admin.post(`directories/${dir.id}/sync`, {});
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      expect(report.limitReached).toBeGreaterThan(0);
      expect(report.created).toBeGreaterThan(0);
      expect(report.created + report.limitReached + report.skipped).toBe(report.seen);
      expect(t.logs.join('')).toContain('directory person skipped: limit_reached');
      const staff = async () =>
        (
          await run<{ n: number }>(
            sql`select count(*)::int as n from users where workspace_id = ${w.workspaceId} and role <> 'customer' and active`,
          )
        )[0].n;
      expect(await staff()).toBe(1);

      await run(sql`update plans set agents_limit = null where id = ${Number(w.planId)}`);
      const again = (await w.admin.post(`directories/${dir.id}/sync`, {})).json();
      expect(again.limitReached).toBeUndefined();
      expect(again.created).toBe(report.limitReached);
      expect(await staff()).toBe(1 + report.limitReached);
    } finally {
      await slapd.stop();
    }
  }, 60_000);
});

/** Runs this workspace's queued SMS jobs for `mobile`; answers the last code sent to it. */
async function smsCode(workspaceId: number, mobile: string): Promise<string> {
  const jobs = await t.deps.database.executeSql<{ id: string; data: SmsJob }>(
    "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and (data->>'workspaceId')::bigint = $1 and data->>'to' = $2",
    [workspaceId, mobile],
  );
  for (const j of jobs.rows) {
    await sendSms(t.deps)(j.data);
    await t.deps.database.executeSql("update pgboss.job set state = 'completed' where id = $1", [j.id]);
  }
  return /(\d{6})/.exec(t.sms.sent.filter((m) => m.to === mobile).at(-1)!.text)![1];
}

describe('read-only on expiry, suspension', () => {
  it('grace stays writable; expired refuses writes (not reads, sign-in or billing) until a new end date', async () => {
    const start = t.clock.now();
    try {
      const w = await workspaceOn({});
      const [{ ends_at }] = await run<{ ends_at: Date }>(
        sql`select ends_at from subscriptions where workspace_id = ${w.workspaceId}`,
      );
      const { graceDays, expiredMessage } = await getPlatformSettings(t.deps.database.db);

      t.clock.set(new Date(new Date(ends_at).getTime() + 60_000));
      const grace = (await w.admin.get('billing/subscription')).json();
      expect(grace.state).toBe(graceDays > 0 ? 'grace' : 'expired');
      if (graceDays > 0) expect((await w.admin.post('departments', { name: 'در مهلت' })).statusCode).toBe(201);

      t.clock.set(new Date(new Date(ends_at).getTime() + graceDays * DAY + 60_000));
      const refused = await w.admin.post(
        'departments',
        { name: 'پس از مهلت' },
        { headers: { 'accept-language': 'en' } },
      );
      expect(refused.statusCode).toBe(402);
      expect(refused.json().error).toEqual({
        code: 'subscription_expired',
        message: 'The subscription has ended: the workspace is read-only until the plan is renewed.',
        details: { message: expiredMessage, billingUrl: '/admin/billing' },
      });
      expect((await w.admin.patch('settings', { title: 'x' })).statusCode).toBe(402);
      expect((await w.admin.get('departments')).statusCode).toBe(200);
      const expired = (await w.admin.get('billing/subscription')).json();
      expect(expired).toMatchObject({ state: 'expired', suspensionMessage: expiredMessage });
      // Billing stays open, so the admin can pay; so does signing in.
      expect((await w.admin.post('billing/credit/top-up', { amount: 50_000 })).statusCode).toBe(200);
      expect((await signIn(t, w.slug, 'admin', ADMIN_PASSWORD)).s.cookie).toBeTruthy();

      // A later end date (a payment) written directly: seen once the cache is dropped.
      await run(
        sql`update subscriptions set ends_at = ${new Date(t.clock.now().getTime() + 30 * DAY)} where workspace_id = ${w.workspaceId}`,
      );
      expect((await w.admin.post('departments', { name: 'هنوز از حافظه' })).statusCode).toBe(402);
      clearSubscriptionCache();
      expect((await w.admin.post('departments', { name: 'تمدیدشده' })).statusCode).toBe(201);
      expect((await w.admin.get('billing/subscription')).json().state).toBe('active');
    } finally {
      t.clock.set(start);
      clearSubscriptionCache();
    }
  });

  it('the operator’s suspension closes everything but sign-in and public reads', async () => {
    const w = await workspaceOn({});
    await run(
      sql`update subscriptions set suspended_at = ${t.clock.now()}, suspension_note = 'Unpaid invoice' where workspace_id = ${w.workspaceId}`,
    );
    clearSubscriptionCache();
    const refused = await w.admin.get('departments');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'suspended', details: { message: 'Unpaid invoice' } });
    expect((await w.admin.post('billing/credit/top-up', { amount: 50_000 })).statusCode).toBe(503);
    expect((await w.admin.get('auth/me')).statusCode).toBe(200);
    expect((await new Client(t, { slug: w.slug }).get('public/settings')).statusCode).toBe(200);
    expect((await signIn(t, w.slug, 'admin', ADMIN_PASSWORD)).s.cookie).toBeTruthy();

    await run(sql`update subscriptions set suspended_at = null where workspace_id = ${w.workspaceId}`);
    clearSubscriptionCache();
    expect((await w.admin.get('departments')).statusCode).toBe(200);
  });

  it('a warm cache adds no query per request; a cold one adds one', async () => {
    const w = await workspaceOn({});
    const db = t.deps.database.db;
    const spy = vi.spyOn(db, 'execute');
    const gateQueries = () =>
      spy.mock.calls.filter(([q]) => {
        const chunks = (q as unknown as { queryChunks?: { value?: string[] }[] }).queryChunks ?? [];
        return chunks.some((c) => c.value?.some((v) => v.includes('left join subscriptions')));
      }).length;
    try {
      clearSubscriptionCache();
      await w.admin.get('departments');
      expect(gateQueries()).toBe(1);
      for (let i = 0; i < 5; i++) expect((await w.admin.get('departments')).statusCode).toBe(200);
      expect(gateQueries()).toBe(1);
      // Entries last at most five seconds.
      t.clock.advance(5_001);
      await w.admin.get('departments');
      expect(gateQueries()).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
