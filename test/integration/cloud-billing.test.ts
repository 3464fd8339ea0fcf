import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanInput } from '../../src/contracts/cloud';
import { smsSealer, type SmsJob } from '../../src/server/modules/auth';
import { createZarinpalClient } from '../../src/server/modules/billing';
import { cloudJobs, createPlan, getPlatformSettings } from '../../src/server/modules/cloud';
import { queryRows } from '../../src/server/platform/db/database';
import { startFakeZarinpal, type FakeZarinpal } from '../helpers/fake-zarinpal';
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

/**
 * Cloud mode (issue 19): buying a plan through Zarinpal (the local fake gateway), the payer's
 * return at PUBLIC_URL, proration, renewal and the reminder stages. The database is shared with
 * other test files: every workspace here is this file's own, and the reminders run with the
 * clock twenty years ahead, where no other file's subscription ends.
 */
let t: TestApp;
let fake: FakeZarinpal;
const PUBLIC_URL = 'http://pishkhan.test';
const DOMAIN = 'cloud.test';
const DAY = 86_400_000;
const plans: Record<'basic' | 'pro' | 'tiny', number> = { basic: 0, pro: 0, tiny: 0 };

beforeAll(async () => {
  fake = await startFakeZarinpal();
  t = await createTestApp('postgres', {
    CLOUD: 'true',
    CLOUD_DOMAIN: DOMAIN,
    ZARINPAL_URL: fake.baseUrl,
    ZARINPAL_MERCHANT_ID: fake.merchantId,
    PUBLIC_URL,
  });
  const plan = async (nameEn: string, limits: TPlanInput['limits'], prices: TPlanInput['prices']) => {
    const input = { name: 'آزمون', nameEn, limits, prices, trial: false, trialDays: 14, active: true, position: 900 };
    return Number((await createPlan(t.deps.database.db, input, t.clock.now())).id);
  };
  const m = (months: number, amount: number) => ({ months, amount });
  plans.basic = await plan('Basic', { agents: 5, customers: 100, departments: 3 }, [m(1, 90_000), m(12, 900_000)]);
  plans.pro = await plan('Pro', { agents: 20, customers: null, departments: null }, [m(1, 150_000)]);
  plans.tiny = await plan('Tiny', { agents: 1, customers: 10, departments: 1 }, [m(1, 20_000)]);
});
afterAll(async () => {
  await t?.close();
  await fake?.stop();
});

const run = <T>(q: SQL) => queryRows<T>(t.deps.database.db, q);

/** A cloud workspace (its trial started with it) and its admin signed in. */
async function org() {
  const w = await newWorkspace(t);
  expect(await run(sql`select 1 from subscriptions where workspace_id = ${w.workspaceId}`)).toHaveLength(1);
  return { ...w, admin: await signIn(t, w.slug, 'admin', ADMIN_PASSWORD) };
}

async function subscription(workspaceId: number) {
  const [row] = await run<{ plan_id: string; ends_at: Date; started_at: Date }>(
    sql`select plan_id, ends_at, started_at from subscriptions where workspace_id = ${workspaceId}`,
  );
  return { planId: Number(row.plan_id), endsAt: new Date(row.ends_at), startedAt: new Date(row.started_at) };
}

/** Opens a purchase; answers the quote, the authority and the StartPay address. */
async function buy(client: Client, planId: number, months = 1, periods = 1) {
  const res = await client.post('billing/subscription', { planId: String(planId), months, periods });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { paymentUrl: string; price: number; proration: number; amount: number; endsAt: string };
  return { ...body, authority: body.paymentUrl.split('/').at(-1)! };
}

/** The payer on Zarinpal's page: the callback path (with query) the browser is sent back to, at PUBLIC_URL. */
async function payerVisits(paymentUrl: string): Promise<string> {
  const res = await fetch(paymentUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.origin).toBe(PUBLIC_URL);
  return back.pathname + back.search;
}

/** The browser back at PUBLIC_URL: no workspace in the host, no session, no header. */
async function returns(path: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: path, headers: { host: 'pishkhan.test' } });
  expect(res.statusCode, res.body).toBe(303);
  return res.headers.location as string;
}

const billingPage = (slug: string, outcome: string) => `http://${slug}.${DOMAIN}/admin/billing?payment=${outcome}`;

async function pay(client: Client, slug: string, planId: number, months = 1, periods = 1) {
  const q = await buy(client, planId, months, periods);
  expect(await returns(await payerVisits(q.paymentUrl))).toBe(billingPage(slug, 'ok'));
  return q;
}

type PaymentRow = { state: string; amount: number; proration: number; months: number; periods: number };
const paymentOf = async (authority: string) =>
  (await run<PaymentRow>(sql`select * from payments where authority = ${authority}`))[0];

const audits = (workspaceId: number) =>
  run<{ action: string; data: Record<string, unknown> }>(
    sql`select action, data from audit_log where workspace_id = ${workspaceId} and entity = 'subscription' order by id`,
  );

describe('buying a plan through Zarinpal', () => {
  it('pays, returns to PUBLIC_URL, lands on the workspace’s billing page and starts the plan once', async () => {
    const w = await org();
    const now = t.clock.now().getTime();
    const q = await buy(w.admin, plans.basic, 1, 2);
    // From the trial: nothing credited, the plan starts now for 2 × 30 days.
    expect(q).toMatchObject({ price: 180_000, proration: 0, amount: 180_000 });
    expect(new Date(q.endsAt).getTime()).toBe(now + 60 * DAY);
    expect(fake.session(q.authority)).toMatchObject({ amount: 180_000, currency: 'IRT' });
    expect(fake.session(q.authority)!.callbackUrl).toBe(`${PUBLIC_URL}/api/v1/billing/callback/zarinpal`);
    expect(await paymentOf(q.authority)).toMatchObject({ state: 'created', months: 1, periods: 2, proration: 0 });

    const back = await payerVisits(q.paymentUrl);
    const verifies = fake.calls.verify;
    expect(await returns(back)).toBe(billingPage(w.slug, 'ok'));
    expect(await returns(back)).toBe(billingPage(w.slug, 'ok')); // replayed
    expect(fake.calls.verify - verifies).toBe(1);
    expect(await subscription(w.workspaceId)).toMatchObject({ planId: plans.basic, endsAt: new Date(now + 60 * DAY) });
    expect((await paymentOf(q.authority)).state).toBe('paid');
    expect(await audits(w.workspaceId)).toEqual([
      expect.objectContaining({
        action: 'subscription.plan_changed',
        data: expect.objectContaining({ amount: 180_000 }),
      }),
    ]);

    const shown = (await w.admin.get('billing/subscription')).json();
    expect(shown).toMatchObject({ state: 'active', plan: { id: String(plans.basic) }, endsAt: q.endsAt });
    const list = (await w.admin.get('billing/payments')).json();
    expect(list.items[0]).toMatchObject({ purpose: 'subscription', amount: 180_000, state: 'paid' });
  });

  it('an unknown authority at PUBLIC_URL is answered unknown, with no workspace to go to', async () => {
    expect(
      await returns('/api/v1/billing/callback/zarinpal?Authority=A0000000000000000000000000000000000x&Status=OK'),
    ).toBe('/admin/billing?payment=unknown');
    expect(await returns('/api/v1/billing/callback/zarinpal')).toBe('/admin/billing?payment=unknown');
  });

  it('cancelled (NOK) and a mismatched amount (-50) change nothing', async () => {
    const w = await org();
    const before = await subscription(w.workspaceId);
    const cancelled = await buy(w.admin, plans.basic);
    fake.payerAction = 'cancel';
    try {
      const back = await payerVisits(cancelled.paymentUrl);
      expect(await returns(back)).toBe(billingPage(w.slug, 'cancelled'));
      expect(await returns(back.replace('NOK', 'OK'))).toBe(billingPage(w.slug, 'cancelled'));
    } finally {
      fake.payerAction = 'pay';
    }
    const mismatch = await buy(w.admin, plans.basic);
    await run(sql`update payments set amount = amount + 1 where authority = ${mismatch.authority}`);
    expect(await returns(await payerVisits(mismatch.paymentUrl))).toBe(billingPage(w.slug, 'failed'));
    expect((await paymentOf(mismatch.authority)).state).toBe('failed');
    expect(await subscription(w.workspaceId)).toEqual(before);
    expect(await audits(w.workspaceId)).toEqual([]);
  });

  it('verified elsewhere first (101) applies once; five returns at once apply once', async () => {
    const w = await org();
    const now = t.clock.now().getTime();
    const first = await buy(w.admin, plans.basic);
    const back = await payerVisits(first.paymentUrl);
    const zp = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: fake.merchantId });
    expect((await zp.verifyPayment({ amount: first.amount, authority: first.authority, currency: 'IRT' })).status).toBe(
      'paid',
    );
    expect(await returns(back)).toBe(billingPage(w.slug, 'ok'));
    expect(await returns(back)).toBe(billingPage(w.slug, 'ok'));
    expect((await subscription(w.workspaceId)).endsAt).toEqual(new Date(now + 30 * DAY));

    const second = await buy(w.admin, plans.basic); // a renewal of the same plan
    const again = await payerVisits(second.paymentUrl);
    const verifies = fake.calls.verify;
    fake.delayMs = 100;
    try {
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => returns(again)));
      expect(outcomes).toContain(billingPage(w.slug, 'ok'));
      for (const o of outcomes) expect([billingPage(w.slug, 'ok'), billingPage(w.slug, 'pending')]).toContain(o);
    } finally {
      fake.delayMs = 0;
    }
    expect(fake.calls.verify - verifies).toBe(1);
    expect((await subscription(w.workspaceId)).endsAt).toEqual(new Date(now + 60 * DAY));
    expect((await audits(w.workspaceId)).map((a) => a.action)).toEqual([
      'subscription.plan_changed',
      'subscription.renewed',
    ]);
  });

  it('renewing extends from the end while it runs, and from now once it has ended (even read-only)', async () => {
    const w = await org();
    const start = t.clock.now().getTime();
    await pay(w.admin, w.slug, plans.basic);
    const renewal = await buy(w.admin, plans.basic, 12);
    expect(renewal).toMatchObject({ price: 900_000, proration: 0, amount: 900_000 });
    expect(new Date(renewal.endsAt).getTime()).toBe(start + 30 * DAY + 360 * DAY);
    t.clock.advance(5 * DAY); // paid later: still counted from the end, not from the payment
    try {
      expect(await returns(await payerVisits(renewal.paymentUrl))).toBe(billingPage(w.slug, 'ok'));
      expect((await subscription(w.workspaceId)).endsAt).toEqual(new Date(start + 390 * DAY));

      // Long past its end and its grace: read-only, yet the admin (signed in again) may still buy.
      t.clock.advance(500 * DAY);
      const admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
      expect((await admin.post('departments', { name: 'New' })).statusCode).toBe(402);
      const late = await pay(admin, w.slug, plans.basic);
      const now = t.clock.now().getTime();
      expect(new Date(late.endsAt).getTime()).toBe(now + 30 * DAY);
      expect((await subscription(w.workspaceId)).endsAt).toEqual(new Date(now + 30 * DAY));
    } finally {
      t.clock.set(new Date(start));
    }
  });

  it('an upgrade credits the unused whole days at the old price per day; a downgrade never goes below 1,000', async () => {
    const w = await org();
    const start = t.clock.now().getTime();
    await pay(w.admin, w.slug, plans.basic); // 90,000 for 30 days: 3,000 a day
    t.clock.advance(10 * DAY + 5 * 3_600_000); // 19 whole days and 19 hours left: 19 days credited
    try {
      const up = await buy(w.admin, plans.pro);
      expect(up).toMatchObject({ price: 150_000, proration: 57_000, amount: 93_000 });
      expect(fake.session(up.authority)!.amount).toBe(93_000);
      expect(await returns(await payerVisits(up.paymentUrl))).toBe(billingPage(w.slug, 'ok'));
      const now = t.clock.now().getTime();
      expect(await subscription(w.workspaceId)).toEqual({
        planId: plans.pro,
        startedAt: new Date(now),
        endsAt: new Date(now + 30 * DAY),
      });
      expect(await paymentOf(up.authority)).toMatchObject({ amount: 93_000, proration: 57_000 });

      // Pro was bought at 150,000 (93,000 paid + 57,000 credited) for 30 days, all 30 left:
      // 150,000 of credit against Basic's 90,000 — the amount stops at Zarinpal's minimum.
      const down = await buy(w.admin, plans.basic);
      expect(down).toMatchObject({ price: 90_000, proration: 89_000, amount: 1_000 });
      // The same plan again is a renewal: nothing credited.
      expect(await buy(w.admin, plans.pro)).toMatchObject({ price: 150_000, proration: 0, amount: 150_000 });
    } finally {
      t.clock.set(new Date(start));
    }
  });

  it('a plan below what the workspace uses is refused, naming the limit; bad plans and periods are 400', async () => {
    const w = await org();
    await makeUser(t, w.admin, w.slug, { role: 'agent', email: `${unique('a')}@x.test` });
    for (const [lang, text] of [
      ['en', 'This plan allows 1 active agents and admins, but the workspace has 2.'],
      ['fa', 'این طرح ۱ کارشناس و مدیر سامانهٔ فعال را اجازه می‌دهد، اما فضای کاری ۲ کارشناس و مدیر سامانهٔ فعال دارد.'],
    ]) {
      const res = await w.admin.post(
        'billing/subscription',
        { planId: String(plans.tiny), months: 1 },
        { headers: { 'accept-language': lang } },
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('conflict');
      expect(res.json().error.message).toContain(text);
      expect(res.json().error.details).toMatchObject({ limit: 'agents', max: 1, usage: 2 });
    }
    const bad = async (body: object) => {
      const res = await w.admin.post('billing/subscription', body, { headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(400);
      return res.json().error.fields;
    };
    expect(await bad({ planId: String(plans.basic), months: 3 })).toEqual({
      months: 'This plan has no price for 3 months.',
    });
    const [trial] = await run<{ id: string }>(sql`select id from plans where trial and active`);
    expect(await bad({ planId: trial.id, months: 1 })).toEqual({ planId: 'No such plan on offer.' });
    expect(await bad({ planId: '999999999', months: 1 })).toEqual({ planId: 'No such plan on offer.' });
    expect((await w.admin.get('billing/payments')).json().total).toBe(0);

    const agent = await makeUser(t, w.admin, w.slug, { role: 'agent' });
    expect(
      (await agent.client.post('billing/subscription', { planId: String(plans.basic), months: 1 })).statusCode,
    ).toBe(403);
  });
});

describe('reminders', () => {
  const reminders = cloudJobs().find((j) => j.queue === 'cloud.subscription-reminders')!;
  const mailJob = cloudJobs().find((j) => j.queue === 'cloud.subscription-reminder-mail')!;
  const runReminders = () => (reminders.handler(t.deps) as unknown as () => Promise<void>)();

  /** The reminder SMS queued for `mobile`, opened. */
  const smsTo = async (mobile: string) =>
    (await run<{ data: SmsJob }>(sql`select data from pgboss.job where name = 'sms.send' and data->>'to' = ${mobile}`))
      .map((r) => smsSealer(t.deps.config.secretKey).open(r.data.sealedText))
      .sort();
  const mailJobs = (workspaceId: number) =>
    run<{ id: string; data: Record<string, unknown> }>(
      sql`select id, data from pgboss.job where name = ${mailJob.queue} and (data->>'workspaceId')::bigint = ${workspaceId} order by created_on`,
    );

  it('sends each stage once by SMS to the owner and by e-mail to the admins, in the workspace’s language', async () => {
    const platform = await getPlatformSettings(t.deps.database.db);
    const start = t.clock.now();
    // Twenty years ahead, where only this test's subscriptions end.
    const endsAt = new Date(start.getTime() + 7300 * DAY);
    const w = await org();
    const fa = await org();
    const mobile = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await run(
      sql`update subscriptions set ends_at = ${endsAt.toISOString()}::timestamptz, owner_mobile = ${mobile}, plan_id = ${plans.basic} where workspace_id = ${w.workspaceId}`,
    );
    await run(
      sql`update subscriptions set ends_at = ${endsAt.toISOString()}::timestamptz, plan_id = ${plans.basic} where workspace_id = ${fa.workspaceId}`,
    );
    expect((await w.admin.patch('settings', { defaultLocale: 'en', title: 'Acme Desk' })).statusCode).toBe(200);

    const stages = [
      ...[...new Set(platform.reminderDays)].sort((a, b) => b - a).map((d) => `${d}d`),
      'ended',
      'expired',
    ];
    const at = (stage: string) =>
      stage === 'ended'
        ? endsAt.getTime()
        : stage === 'expired'
          ? endsAt.getTime() + platform.graceDays * DAY
          : endsAt.getTime() - Number(stage.slice(0, -1)) * DAY;
    try {
      t.clock.set(new Date(at(stages[0]) - 60_000));
      await runReminders();
      expect(await smsTo(mobile)).toEqual([]);
      expect(await mailJobs(w.workspaceId)).toEqual([]);

      for (const [i, stage] of stages.entries()) {
        t.clock.set(new Date(at(stage) + 60_000));
        await runReminders();
        await runReminders(); // a second run finds the stage sent
        const jobs = await mailJobs(w.workspaceId);
        expect(jobs, stage).toHaveLength(i + 1);
        expect(jobs[i].data).toMatchObject({ stage, endsAt: endsAt.toISOString(), locale: 'en' });
        expect(await smsTo(mobile)).toHaveLength(i + 1);
        const [row] = await run<{ reminded_stage: string }>(
          sql`select reminded_stage from subscriptions where workspace_id = ${w.workspaceId}`,
        );
        expect(row.reminded_stage).toBe(stage);

        const before = t.mailer.sent.length;
        await mailJob.handler(t.deps)(jobs[i].data as never, { id: jobs[i].id, name: mailJob.queue } as never);
        const mails = t.mailer.sent.slice(before);
        expect(mails.map((m) => m.to)).toEqual([`admin@${w.slug}.test`]);
        const kind = stage === 'ended' ? 'has ended' : stage === 'expired' ? 'read-only' : 'ends in';
        expect(mails[0].subject).toContain('Acme Desk');
        expect(mails[0].subject).toContain(kind);
        expect(mails[0].text).toContain(`http://${w.slug}.${DOMAIN}/admin/billing`);
      }
      const texts = await smsTo(mobile);
      expect(texts.find((s) => s.includes('ends in 1 day'))).toBeTruthy();
      expect(texts.find((s) => s.includes('ends in 7 day'))).toBeTruthy();
      expect(texts.find((s) => s.includes('read-only'))).toContain(`http://${w.slug}.${DOMAIN}/admin/billing`);
      expect(texts.every((s) => s.startsWith('Acme Desk: your Basic plan'))).toBe(true);

      // Persian by default: the other workspace (no owner mobile: no SMS). A mail whose stage was
      // overtaken while it waited is dropped; the current one goes out.
      const persian = await mailJobs(fa.workspaceId);
      expect(persian.map((j) => j.data.stage)).toEqual(stages);
      const mailOf = async (job: (typeof persian)[number]) => {
        const before = t.mailer.sent.length;
        await mailJob.handler(t.deps)(job.data as never, { id: job.id, name: mailJob.queue } as never);
        return t.mailer.sent.slice(before);
      };
      expect(await mailOf(persian[0])).toEqual([]);
      const [readOnly] = await mailOf(persian.at(-1)!);
      expect(readOnly.subject).toBe(`Workspace ${fa.slug}: سامانه اکنون فقط‌خواندنی است`);

      // Renewed: the end moves and the stages start again for the new end; a mail of the old end is dropped.
      const renewed = new Date(endsAt.getTime() + 30 * DAY);
      await run(
        sql`update subscriptions set ends_at = ${renewed.toISOString()}::timestamptz where workspace_id in (${w.workspaceId}, ${fa.workspaceId})`,
      );
      expect(await mailOf(persian.at(-1)!)).toEqual([]);
      await runReminders();
      expect(await mailJobs(w.workspaceId)).toHaveLength(stages.length);
      t.clock.set(new Date(renewed.getTime() - Math.min(...platform.reminderDays) * DAY + 60_000));
      await runReminders();
      expect(await mailJobs(w.workspaceId)).toHaveLength(stages.length + 1);
    } finally {
      t.clock.set(start);
    }
  });
});
