import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditEntries, deliveries } from '../../src/db/schema';
import { JOB_QUEUE_NAMES, JOB_QUEUES } from '../../src/server/jobs-registry';
import { billingJobs, chargeSms, LOW_CREDIT_QUEUE, refundSms } from '../../src/server/modules/billing';
import { withTx, type Ctx } from '../../src/server/platform/context';
import { queryRows } from '../../src/server/platform/db/database';
import { createJobs } from '../../src/server/platform/jobs';
import { ADMIN_PASSWORD, makeUser, newWorkspace, signIn, createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // Until the registry lists the billing queue, this app's queue takes it as well.
  if (!JOB_QUEUE_NAMES.includes(LOW_CREDIT_QUEUE)) {
    await t.deps.jobs.stop();
    const extra = billingJobs().map((j) => ({ ...j.queueOptions, name: j.queue }));
    t.deps.jobs = createJobs(t.deps.database, t.deps.log, [...JOB_QUEUES, ...extra]);
    await t.deps.jobs.start();
  }
});
afterAll(() => t.close());

const ctxOf = (workspaceId: number): Ctx => ({
  workspaceId,
  actor: null,
  db: t.deps.database.db,
  inTx: false,
  locale: 'fa',
  ip: '',
  requestId: 'test',
  deps: t.deps,
});

/** A workspace, its admin signed in, with `balance` granted and then charging on (when given). */
async function wallet(opts: { charging?: boolean; balance?: number } = {}) {
  const w = await newWorkspace(t);
  const admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
  if (opts.balance) expect((await admin.post('billing/credit/grant', { amount: opts.balance })).statusCode).toBe(200);
  if (opts.charging) expect((await admin.patch('billing/credit', { charging: true })).statusCode).toBe(200);
  return { ...w, admin, ctx: ctxOf(w.workspaceId) };
}

const ledger = (workspaceId: number) =>
  queryRows<{ kind: string; amount: string; balance_after: string }>(
    t.deps.database.db,
    sql`select kind, amount, balance_after from credit_entries where workspace_id = ${workspaceId} order by id`,
  ).then((rows) => rows.map((r) => ({ kind: r.kind, amount: Number(r.amount), after: Number(r.balance_after) })));

const balanceOf = async (workspaceId: number) =>
  Number(
    (
      await queryRows<{ b: string }>(
        t.deps.database.db,
        sql`select balance b from credit_accounts where workspace_id = ${workspaceId}`,
      )
    )[0].b,
  );

const lowJobs = async (workspaceId: number) =>
  (
    await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int n from pgboss.job where name = ${LOW_CREDIT_QUEUE} and (data->>'workspaceId')::bigint = ${workspaceId}`,
    )
  )[0].n;

/** Each entry's balance_after follows from the one before it. */
function expectChain(entries: { amount: number; after: number }[]) {
  let balance = 0;
  for (const e of entries) {
    balance += e.amount;
    expect(e.after).toBe(balance);
  }
}

describe('SMS credit (I2)', () => {
  it('100 parallel charges on a balance of exactly 50 SMS: 50 charged, 50 no_credit, never below zero', async () => {
    const w = await wallet({ charging: true, balance: 50 * 190 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => chargeSms(w.ctx, { deliveryId: 1_000_000 + i, parts: 1 })),
    );
    expect(results.filter((r) => r.charged)).toHaveLength(50);
    const refused = results.filter((r) => !r.charged);
    expect(refused).toHaveLength(50);
    for (const r of refused) expect(r).toMatchObject({ reason: 'no_credit', price: 190 });
    expect(await balanceOf(w.workspaceId)).toBe(0);
    const entries = await ledger(w.workspaceId);
    expect(entries.filter((e) => e.kind === 'sms')).toHaveLength(50);
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(0);
    expectChain(entries);
    expect(await lowJobs(w.workspaceId)).toBe(1);
  });

  it('prices per part, at the workspace price; a rolled-back caller leaves nothing', async () => {
    const w = await wallet({ charging: true, balance: 10_000 });
    expect(await chargeSms(w.ctx, { deliveryId: 1, parts: 3, reference: 'ticket:7' })).toEqual({
      charged: true,
      price: 570,
      balance: 9430,
    });
    await w.admin.patch('billing/credit', { pricePerSms: 250 });
    expect(await chargeSms(w.ctx, { deliveryId: 2, parts: 2 })).toMatchObject({
      charged: true,
      price: 500,
      balance: 8930,
    });
    await expect(
      withTx(w.ctx, async (tx) => {
        await chargeSms(tx, { deliveryId: 3, parts: 1 });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await balanceOf(w.workspaceId)).toBe(8930);
    expect(await chargeSms(w.ctx, { deliveryId: 4, parts: 36 })).toMatchObject({
      charged: false,
      reason: 'no_credit',
      price: 9000,
    });
    await expect(chargeSms(w.ctx, { deliveryId: 5, parts: 0 })).rejects.toThrow();
  });

  it('a refund gives the charge back once, also when asked in parallel', async () => {
    const w = await wallet({ charging: true, balance: 5000 });
    await chargeSms(w.ctx, { deliveryId: 11, parts: 3 });
    const tries = await Promise.all(Array.from({ length: 5 }, () => refundSms(w.ctx, { deliveryId: 11 })));
    expect(tries.filter((r) => r.refunded)).toEqual([{ refunded: true, amount: 570, balance: 5000 }]);
    expect(await refundSms(w.ctx, { deliveryId: 11 })).toEqual({ refunded: false, amount: 0, balance: 5000 });
    expect(await refundSms(w.ctx, { deliveryId: 999 })).toMatchObject({ refunded: false });
    const entries = await ledger(w.workspaceId);
    expect(entries.map((e) => e.kind)).toEqual(['grant', 'sms', 'refund']);
    expectChain(entries);
    // Another workspace cannot refund this delivery.
    expect(await refundSms(ctxOf((await newWorkspace(t)).workspaceId), { deliveryId: 11 })).toMatchObject({
      refunded: false,
    });
  });

  it('with charging off nothing is debited and nothing refused; the price is still answered', async () => {
    const w = await wallet();
    for (let i = 0; i < 3; i++)
      expect(await chargeSms(w.ctx, { deliveryId: 20 + i, parts: 2 })).toEqual({
        charged: false,
        price: 380,
        balance: 0,
      });
    expect(await ledger(w.workspaceId)).toEqual([]);
    // Turning charging on with the balance under the mark warns the admins at once (and once).
    expect((await w.admin.patch('billing/credit', { charging: true })).json()).toMatchObject({ lowBalance: true });
    await w.admin.patch('billing/credit', { pricePerSms: 180 });
    expect(await lowJobs(w.workspaceId)).toBe(1);
  });

  it('API: read, grant, entries, change, usage; agents refused; workspaces apart', async () => {
    const w = await wallet();
    const get = async () => (await w.admin.get('billing/credit')).json();
    expect(await get()).toEqual({
      balance: 0,
      pricePerSms: 190,
      currency: 'IRT',
      lowBalance: false,
      lowBalanceThreshold: 1900,
      charging: false,
      codesExempt: false,
    });
    const agent = (await makeUser(t, w.admin, w.slug, { role: 'agent' })).client;
    expect((await agent.post('billing/credit/grant', { amount: 1000 })).statusCode).toBe(403);
    expect((await agent.patch('billing/credit', { charging: true })).statusCode).toBe(403);
    expect((await agent.get('billing/credit')).statusCode).toBe(403);
    for (const [lang, text] of [
      ['fa', 'دست‌کم ۱ است.'],
      ['en', 'Must be at least 1.'],
    ]) {
      w.admin.s.lang = lang;
      const bad = await w.admin.post('billing/credit/grant', { amount: 0 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'invalid', fields: { amount: text } });
    }
    for (const amount of [1.5, '100', -5, 10 ** 13, null])
      expect((await w.admin.post('billing/credit/grant', { amount })).statusCode, String(amount)).toBe(400);
    for (let i = 1; i <= 3; i++) {
      t.clock.advance(1000);
      const res = await w.admin.post('billing/credit/grant', { amount: i * 1000, note: `invoice ${i}` });
      expect(res.json()).toMatchObject({ balance: (i * (i + 1) * 1000) / 2 });
    }
    const page = (await w.admin.get('billing/credit/entries?pageSize=2')).json();
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.items.map((e: { note: string }) => e.note)).toEqual(['invoice 3', 'invoice 2']);
    expect(page.items[0]).toMatchObject({ kind: 'grant', amount: 3000, balanceAfter: 6000, reference: null });
    expect((await w.admin.get('billing/credit/entries?pageSize=2&page=2')).json().items).toHaveLength(1);
    const audits = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int n from audit_log where workspace_id = ${w.workspaceId} and action = 'credit.granted'`,
    );
    expect(audits[0].n).toBe(3);

    expect((await w.admin.patch('billing/credit', { pricePerSms: 0 })).json().error.fields).toHaveProperty(
      'pricePerSms',
    );
    expect((await w.admin.patch('billing/credit', {})).statusCode).toBe(400);
    const changed = await w.admin.patch('billing/credit', {
      charging: true,
      pricePerSms: 200,
      lowBalanceThreshold: 500,
    });
    expect(changed.json()).toMatchObject({
      charging: true,
      pricePerSms: 200,
      lowBalanceThreshold: 500,
      lowBalance: false,
    });

    // Usage: two deliveries today (3 + 1 parts), one of them refunded, one the day before.
    const [d1, d2, d3] = await t.deps.database.db
      .insert(deliveries)
      .values(
        [3, 1, 2].map((parts) => ({
          workspaceId: w.workspaceId,
          channel: 'sms',
          event: 'test',
          status: 'queued',
          parts,
        })),
      )
      .returning({ id: deliveries.id });
    t.clock.advance(-86_400_000);
    await chargeSms(w.ctx, { deliveryId: d3.id, parts: 2 });
    t.clock.advance(86_400_000);
    await chargeSms(w.ctx, { deliveryId: d1.id, parts: 3 });
    await chargeSms(w.ctx, { deliveryId: d2.id, parts: 1 });
    await refundSms(w.ctx, { deliveryId: d2.id });
    const usage = (await w.admin.get('billing/credit/usage?days=3')).json().items;
    expect(usage).toHaveLength(3);
    expect(usage.slice(1).map((u: { parts: number; amount: number }) => [u.parts, u.amount])).toEqual([
      [2, 400],
      [3, 600],
    ]);
    expect(usage[2].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await w.admin.get('billing/credit/usage?days=0')).statusCode).toBe(400);

    const other = await wallet();
    expect((await other.admin.get('billing/credit/entries')).json()).toMatchObject({ total: 0, items: [] });
    expect((await other.admin.get('billing/credit')).json().balance).toBe(0);
    expect(
      (await other.admin.get('billing/credit/usage?days=2')).json().items.map((u: { amount: number }) => u.amount),
    ).toEqual([0, 0]);
    expect(await t.deps.database.db.$count(creditEntries, sql`workspace_id = ${other.workspaceId}`)).toBe(0);
  });

  it('falling under the mark mails the admins once, however many charges race; a grant above it re-arms', async () => {
    const w = await wallet({ charging: true, balance: 20 * 190 });
    const second = await makeUser(t, w.admin, w.slug, { role: 'admin', email: `second@${w.slug}.test`, locale: 'en' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => chargeSms(w.ctx, { deliveryId: 500 + i, parts: 1 })));
    expect(await lowJobs(w.workspaceId)).toBe(1);
    expect((await w.admin.get('billing/credit')).json()).toMatchObject({ balance: 0, lowBalance: true });

    const before = t.mailer.sent.length;
    await billingJobs()[0].handler(t.deps)({ workspaceId: w.workspaceId } as never, {
      id: 'x',
      name: LOW_CREDIT_QUEUE,
    });
    const mails = t.mailer.sent.slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([`admin@${w.slug}.test`, `second@${w.slug}.test`].sort());
    expect(mails.find((m) => m.to.startsWith('second'))!.subject).toContain('SMS credit');
    expect(second.id).toBeTruthy();

    // Below the mark still: no new warning. Above it: re-armed, and the next fall warns again.
    await w.admin.post('billing/credit/grant', { amount: 1000 });
    await chargeSms(w.ctx, { deliveryId: 600, parts: 1 });
    expect(await lowJobs(w.workspaceId)).toBe(1);
    const lifted = (await w.admin.post('billing/credit/grant', { amount: 5000 })).json();
    expect(lifted).toMatchObject({ lowBalance: false });
    await Promise.all(Array.from({ length: 30 }, (_, i) => chargeSms(w.ctx, { deliveryId: 700 + i, parts: 1 })));
    expect(await lowJobs(w.workspaceId)).toBe(2);
  });
});
