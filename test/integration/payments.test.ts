import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingJobs, createZarinpalClient } from '../../src/server/modules/billing';
import { queryRows } from '../../src/server/platform/db/database';
import { startFakeZarinpal, type FakeZarinpal } from '../helpers/fake-zarinpal';
import { ADMIN_PASSWORD, Client, newWorkspace, signIn, createTestApp, type TestApp } from '../helpers/test-app';

/** SMS credit bought online through Zarinpal (issue 19), against the local fake gateway. */
let t: TestApp;
let fake: FakeZarinpal;
const PUBLIC_URL = 'http://pishkhan.test';

beforeAll(async () => {
  fake = await startFakeZarinpal();
  t = await createTestApp('postgres', {
    ZARINPAL_URL: fake.baseUrl,
    ZARINPAL_MERCHANT_ID: fake.merchantId,
    PUBLIC_URL,
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.stop();
});

async function admin() {
  const w = await newWorkspace(t);
  return { ...w, admin: await signIn(t, w.slug, 'admin', ADMIN_PASSWORD) };
}

/** Opens a top-up; answers the authority and the StartPay address. */
async function topUp(client: Client, amount = 50_000) {
  const res = await client.post('billing/credit/top-up', { amount });
  expect(res.statusCode, res.body).toBe(200);
  const paymentUrl: string = res.json().paymentUrl;
  return { paymentUrl, authority: paymentUrl.split('/').at(-1)! };
}

/** The payer on Zarinpal's page: answers the callback path (with query) Zarinpal sends the browser to. */
async function payerVisits(paymentUrl: string): Promise<string> {
  const res = await fetch(paymentUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.origin).toBe(PUBLIC_URL);
  return back.pathname + back.search;
}

/** The browser arriving at the callback: answers where it is redirected to. */
async function callback(client: Client, path: string) {
  const res = await client.get(path);
  expect(res.statusCode, res.body).toBe(303);
  return res.headers.location;
}

const balance = async (client: Client) => (await client.get('billing/credit')).json().balance as number;

const topups = (workspaceId: number) =>
  queryRows<{ amount: string; reference: string }>(
    t.deps.database.db,
    sql`select amount, reference from credit_entries where workspace_id = ${workspaceId} and kind = 'topup'`,
  );

const paymentOf = async (authority: string) =>
  (
    await queryRows<{ state: string; amount: string; ref_id: string | null; credited_at: Date | null; error: string }>(
      t.deps.database.db,
      sql`select * from payments where authority = ${authority}`,
    )
  )[0];

describe('top-up through Zarinpal', () => {
  it('pays, verifies once and credits the balance once; the list shows it', async () => {
    const w = await admin();
    const { paymentUrl, authority } = await topUp(w.admin, 50_000);
    expect(paymentUrl).toBe(`${fake.baseUrl}/pg/StartPay/${authority}`);
    expect(fake.session(authority)).toMatchObject({ amount: 50_000, currency: 'IRT' });
    expect(fake.session(authority)!.callbackUrl).toBe(`${PUBLIC_URL}/api/v1/billing/callback/zarinpal`);

    const back = await payerVisits(paymentUrl);
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(await balance(w.admin)).toBe(50_000);
    const entries = await topups(w.workspaceId);
    expect(entries).toHaveLength(1);
    expect(Number(entries[0].amount)).toBe(50_000);
    const row = await paymentOf(authority);
    expect(row).toMatchObject({ state: 'paid', ref_id: String(fake.session(authority)!.refId) });
    expect(row.credited_at).not.toBeNull();

    const list = (await w.admin.get('billing/payments')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toEqual({
      id: expect.any(String),
      purpose: 'credit',
      amount: 50_000,
      state: 'paid',
      refId: row.ref_id,
      cardPan: '502229******5995',
      createdAt: expect.any(String),
      verifiedAt: expect.any(String),
    });
    expect(list.items[0]).not.toHaveProperty('authority');
  });

  it('refuses amounts outside 10,000–100,000,000 toman, in the caller’s language', async () => {
    const w = await admin();
    const messages = [];
    for (const amount of [9_999, 100_000_001, 10_000.5]) {
      const res = await w.admin.post('billing/credit/top-up', { amount }, { headers: { 'accept-language': 'fa' } });
      expect(res.statusCode).toBe(400);
      messages.push(res.json().error.fields.amount);
    }
    expect(messages.slice(0, 2)).toEqual(['دست‌کم ۱۰۰۰۰ است.', 'حداکثر ۱۰۰۰۰۰۰۰۰ است.']);
    expect((await w.admin.get('billing/payments')).json().total).toBe(0);
  });

  it('an admin may open 10 payments in 10 minutes; the 11th is refused with 429', async () => {
    const w = await admin();
    for (let i = 0; i < 10; i++) await topUp(w.admin, 10_000);
    const res = await w.admin.post('billing/credit/top-up', { amount: 10_000 });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeTruthy();
    expect((await w.admin.get('billing/payments?pageSize=5')).json()).toMatchObject({ total: 10, pageSize: 5 });
  });

  it('a cancelled payment (Status=NOK) is cancelled, credits nothing, and stays cancelled', async () => {
    const w = await admin();
    const { paymentUrl, authority } = await topUp(w.admin);
    fake.payerAction = 'cancel';
    try {
      const back = await payerVisits(paymentUrl);
      expect(back).toContain('Status=NOK');
      expect(await callback(w.admin, back)).toBe('/admin/billing?payment=cancelled');
      expect(await callback(w.admin, back.replace('NOK', 'OK'))).toBe('/admin/billing?payment=cancelled');
    } finally {
      fake.payerAction = 'pay';
    }
    expect((await paymentOf(authority)).state).toBe('cancelled');
    expect(await balance(w.admin)).toBe(0);
  });

  it('an amount that differs at Zarinpal (-50) fails the payment, nothing credited', async () => {
    const w = await admin();
    const { paymentUrl, authority } = await topUp(w.admin, 20_000);
    await t.deps.database.db.execute(sql`update payments set amount = 20001 where authority = ${authority}`);
    expect(await callback(w.admin, await payerVisits(paymentUrl))).toBe('/admin/billing?payment=failed');
    expect(await paymentOf(authority)).toMatchObject({ state: 'failed', error: 'amount_mismatch -50' });
    expect(await balance(w.admin)).toBe(0);
  });

  it('a payment verified elsewhere first (101) is still credited, once', async () => {
    const w = await admin();
    const { paymentUrl, authority } = await topUp(w.admin, 30_000);
    const back = await payerVisits(paymentUrl);
    const zp = createZarinpalClient({ baseUrl: fake.baseUrl, merchantId: fake.merchantId });
    expect((await zp.verifyPayment({ amount: 30_000, authority, currency: 'IRT' })).status).toBe('paid');
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(await balance(w.admin)).toBe(30_000);
    expect(await topups(w.workspaceId)).toHaveLength(1);
  });

  it('a replayed callback credits once and asks Zarinpal once', async () => {
    const w = await admin();
    const { paymentUrl } = await topUp(w.admin, 40_000);
    const back = await payerVisits(paymentUrl);
    const verifies = fake.calls.verify;
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(fake.calls.verify - verifies).toBe(1);
    expect(await balance(w.admin)).toBe(40_000);
    expect(await topups(w.workspaceId)).toHaveLength(1);
  });

  it('five callbacks at once: one verify, one credit', async () => {
    const w = await admin();
    const { paymentUrl } = await topUp(w.admin, 60_000);
    const back = await payerVisits(paymentUrl);
    const verifies = fake.calls.verify;
    fake.delayMs = 100;
    try {
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => callback(w.admin, back)));
      expect(outcomes).toContain('/admin/billing?payment=ok');
      for (const o of outcomes) expect(['/admin/billing?payment=ok', '/admin/billing?payment=pending']).toContain(o);
    } finally {
      fake.delayMs = 0;
    }
    expect(fake.calls.verify - verifies).toBe(1);
    expect(await balance(w.admin)).toBe(60_000);
    expect(await topups(w.workspaceId)).toHaveLength(1);
  });

  it('Zarinpal not answering leaves it pending; the reconcile job credits a payer who never came back', async () => {
    const w = await admin();
    const unanswered = await topUp(w.admin, 15_000);
    const back = await payerVisits(unanswered.paymentUrl);
    fake.failNext(1, 502);
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=pending');
    expect((await paymentOf(unanswered.authority)).state).toBe('created');

    const silent = await topUp(w.admin, 25_000);
    fake.pay(silent.authority); // paid; the browser never returns
    const notPaid = await topUp(w.admin, 35_000); // still on Zarinpal's page
    const reconcile = billingJobs().find((j) => j.queue === 'billing.reconcile-payments')!;
    const run = reconcile.handler(t.deps) as unknown as () => Promise<void>;

    await run(); // all younger than two minutes: left to the callback
    expect(await balance(w.admin)).toBe(0);
    t.clock.advance(3 * 60_000);
    await run();
    await run(); // a second run finds nothing more to do
    expect(await balance(w.admin)).toBe(40_000);
    expect(await topups(w.workspaceId)).toHaveLength(2);
    expect((await paymentOf(silent.authority)).state).toBe('paid');
    expect((await paymentOf(notPaid.authority)).state).toBe('created');
    expect(await callback(w.admin, back)).toBe('/admin/billing?payment=ok');
    expect(await balance(w.admin)).toBe(40_000);
    // A day later the page left open is settled by Zarinpal's final answer (-51: not paid), not
    // left pending in the list for ever.
    t.clock.advance(24 * 3_600_000);
    await run();
    expect(await paymentOf(notPaid.authority)).toMatchObject({ state: 'failed', error: 'not_paid -51' });
    expect(await balance(w.admin)).toBe(40_000);
    const listedState = (await w.admin.get('billing/payments')).json().items.map((p: { state: string }) => p.state);
    expect(listedState).not.toContain('created');
  });

  it('another workspace neither sees the payment nor settles it through its own callback', async () => {
    const a = await admin();
    const b = await admin();
    const { paymentUrl, authority } = await topUp(a.admin, 10_000);
    const back = await payerVisits(paymentUrl);
    expect(await callback(b.admin, back)).toBe('/admin/billing?payment=unknown');
    expect(await callback(b.admin, back.replace('OK', 'NOK'))).toBe('/admin/billing?payment=unknown');
    expect((await b.admin.get('billing/payments')).json().total).toBe(0);
    expect((await paymentOf(authority)).state).toBe('created');
    expect(await balance(b.admin)).toBe(0);
    expect(await callback(a.admin, '/api/v1/billing/callback/zarinpal?Authority=A0000&Status=OK')).toBe(
      '/admin/billing?payment=unknown',
    );
    expect(await callback(a.admin, '/api/v1/billing/callback/zarinpal')).toBe('/admin/billing?payment=unknown');
  });

  it('only an admin may top up or list; without a merchant id the top-up says payment is not set up', async () => {
    const w = await admin();
    const anon = new Client(t, { slug: w.slug });
    expect((await anon.post('billing/credit/top-up', { amount: 10_000 })).statusCode).toBe(401);
    expect((await anon.get('billing/payments')).statusCode).toBe(401);

    const config = t.deps.config.zarinpal;
    const merchantId = config.merchantId;
    config.merchantId = undefined;
    try {
      for (const [lang, text] of [
        ['en', 'Online payment is not set up on this server.'],
        ['fa', 'پرداخت آنلاین روی این سرور راه‌اندازی نشده است.'],
      ]) {
        const res = await w.admin.post(
          'billing/credit/top-up',
          { amount: 10_000 },
          { headers: { 'accept-language': lang } },
        );
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'invalid', message: text });
      }
    } finally {
      config.merchantId = merchantId;
    }
    expect(t.logs.join('')).not.toContain(fake.merchantId);
  });
});
