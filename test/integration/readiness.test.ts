import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('/readyz', () => {
  it('answers within a second while every pooled connection is busy (it does not queue behind the pool)', async () => {
    // The test app's pool holds 5 connections: keep all of them busy for 3 s.
    const busy = Array.from({ length: 5 }, () => t.deps.database.executeSql('select pg_sleep(3)', []));
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    const ms = Date.now() - t0;
    expect([res.statusCode, res.json()]).toEqual([200, { status: 'ready', database: 'postgres' }]);
    expect(ms).toBeLessThan(1000);
    await Promise.all(busy);
  });
});
