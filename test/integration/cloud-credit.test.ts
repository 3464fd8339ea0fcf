import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeSms } from '../../src/server/modules/billing';
import { getPlatformSettings } from '../../src/server/modules/cloud';
import { systemCtx } from '../../src/server/modules/workspaces/create-workspace';
import { queryRows } from '../../src/server/platform/db/database';
import { person, workspaceOn } from '../helpers/cloud';
import { ADMIN_PASSWORD, createTestApp, newWorkspace, signIn, type TestApp } from '../helpers/test-app';

/**
 * Cloud mode (issue 19) and the SMS credit: the operator's price, charging always on, the
 * platform's own messages free; and a self-hosted install that has none of cloud mode.
 */
let t: TestApp;
let self: TestApp;

beforeAll(async () => {
  const env = { ZARINPAL_MERCHANT_ID: 'credit-test', PUBLIC_URL: 'http://pishkhan.test' };
  t = await createTestApp('postgres', { ...env, CLOUD: 'true' });
  self = await createTestApp('postgres', env);
});
afterAll(async () => {
  await t?.close();
  await self?.close();
});

const run = <T>(q: SQL) => queryRows<T>(t.deps.database.db, q);

describe('SMS credit in cloud mode', () => {
  it('the workspace admin may not grant credit or set its price; the price is the platform’s', async () => {
    const w = await workspaceOn(t, {});
    expect((await w.admin.patch('billing/credit', { pricePerSms: 1 })).statusCode).toBe(403);
    expect((await w.admin.post('billing/credit/grant', { amount: 1000, note: 'x' })).statusCode).toBe(403);
    const { smsPrice } = await getPlatformSettings(t.deps.database.db);
    expect((await w.admin.get('billing/credit')).json().pricePerSms).toBe(smsPrice);

    await run(
      sql`insert into credit_accounts (workspace_id, balance, price_per_sms, charging) values (${w.workspaceId}, 100000, 1, true)
        on conflict (workspace_id) do update set balance = 100000, price_per_sms = 1, charging = true`,
    );
    const paid = await chargeSms(systemCtx(t.deps, w.workspaceId, w.adminId), { deliveryId: 1, parts: 2 });
    expect(paid).toEqual({ charged: true, price: 2 * smsPrice, balance: 100_000 - 2 * smsPrice });

    // Charging cannot be off in cloud mode: an account row that says so still pays, an empty one
    // is skipped for credit, and the platform's own messages (codes, links, reminders) are free.
    const ctx = systemCtx(t.deps, w.workspaceId, w.adminId);
    await run(
      sql`update credit_accounts set charging = false, balance = ${smsPrice} where workspace_id = ${w.workspaceId}`,
    );
    expect(await chargeSms(ctx, { deliveryId: 2, parts: 1 })).toEqual({ charged: true, price: smsPrice, balance: 0 });
    expect(await chargeSms(ctx, { deliveryId: 3, parts: 1 })).toMatchObject({ charged: false, reason: 'no_credit' });
    expect(await chargeSms(ctx, { deliveryId: 4, parts: 1, code: true })).toEqual({
      charged: false,
      price: 0,
      balance: 0,
    });
    expect((await w.admin.get('billing/credit')).json()).toMatchObject({
      charging: true,
      codesExempt: true,
      balance: 0,
    });
  });
});

describe('self-hosted', () => {
  it('has no subscription, no limits and no plans', async () => {
    const w = await newWorkspace(self);
    const admin = await signIn(self, w.slug, 'admin', ADMIN_PASSWORD);
    const rows = await run(sql`select 1 from subscriptions where workspace_id = ${w.workspaceId}`);
    expect(rows).toHaveLength(0);
    for (let i = 0; i < 4; i++) expect((await admin.post('departments', { name: `بخش ${i}` })).statusCode).toBe(201);
    for (let i = 0; i < 4; i++) expect((await admin.post('users', person('agent'))).statusCode).toBe(201);
    expect((await admin.get('billing/plans')).statusCode).toBe(404);
    expect((await admin.get('billing/subscription')).statusCode).toBe(404);
    expect((await admin.patch('billing/credit', { pricePerSms: 200 })).statusCode).toBe(200);
  });
});
