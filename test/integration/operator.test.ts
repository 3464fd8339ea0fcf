import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/server/modules/workspaces/create-workspace';
import { queryRows } from '../../src/server/platform/db/database';
import {
  ADMIN_PASSWORD,
  createTestApp,
  makeUser,
  signIn,
  unique,
  type Client,
  type TestApp,
} from '../helpers/test-app';
import { address, Operator, OPERATOR_CLOUD, OPERATOR_PASSWORD, OPERATOR_USER } from '../helpers/operator';

/**
 * The platform operator (cloud mode, issue 19): sign-in, its limits and CSRF, Basic auth, the
 * workspaces list with usage and revenue, suspension, credit grants, plans, settings, payments.
 * The database is shared with other test files running at the same time: every list is filtered
 * to this run's workspaces, and every address is this run's own.
 */
const USER = OPERATOR_USER;
const PASSWORD = OPERATOR_PASSWORD;
const CLOUD = OPERATOR_CLOUD;

let t: TestApp;
const db = () => t.deps.database.db;
let op: Operator;

beforeAll(async () => {
  t = await createTestApp('postgres', CLOUD);
  op = new Operator(t);
  expect((await op.login()).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('without an operator', () => {
  it('answers 404 on every operator route outside cloud mode or without OPERATOR_*', async () => {
    for (const env of <Record<string, string>[]>[
      { CLOUD: 'true', ZARINPAL_MERCHANT_ID: 'x' },
      { OPERATOR_USERNAME: USER, OPERATOR_PASSWORD: PASSWORD },
    ]) {
      const other = await createTestApp('postgres', env);
      try {
        const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
        for (const [method, url, payload] of [
          ['POST', '/api/v1/operator/login', { username: USER, password: PASSWORD }],
          ['GET', '/api/v1/operator/workspaces', undefined],
          ['GET', '/api/v1/operator/session', undefined],
          ['POST', '/api/v1/operator/plans', {}],
        ] as const) {
          const res = await other.app.inject({ method, url, payload, headers: { authorization: auth } });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(env)}`).toBe(404);
          expect(res.json().error.code).toBe('not_found');
        }
      } finally {
        await other.close();
      }
    }
  });
});

describe('signing in', () => {
  it('refuses a wrong password and accepts the right one with a strict, HttpOnly cookie', async () => {
    const o = new Operator(t);
    const wrong = await o.login('operator-pass-124');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
    expect((await o.login(PASSWORD, 'Operator')).statusCode).toBe(401);
    expect((await o.get('session')).statusCode).toBe(401);

    const res = await o.login();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ username: USER, csrfToken: expect.any(String) });
    const cookie = res.cookies.find((c) => c.name === 'pishkhan_operator')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/operator', maxAge: 8 * 3600 });
    expect(cookie.secure).toBeFalsy(); // plain http in tests; Secure over https
    const session = await o.get('session');
    expect(session.json()).toEqual({ username: USER, csrfToken: o.csrf });
    // The password never reaches the log, not even from the failed tries.
    expect(t.logs.join('\n')).not.toContain(PASSWORD);
    expect(t.logs.join('\n')).not.toContain('operator-pass-124');
  });

  it('refuses a forged or expired cookie', async () => {
    const o = new Operator(t);
    await o.login();
    const [v, body, mac] = o.cookie!.split('.');
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString());
    o.cookie = [v, Buffer.from(JSON.stringify({ ...forged, exp: forged.exp + 1e9 })).toString('base64url'), mac].join(
      '.',
    );
    expect((await o.get('session')).statusCode).toBe(401);
    o.cookie = [v, body, mac].join('.');
    expect((await o.get('session')).statusCode).toBe(200);
    t.clock.advance(8 * 3600 * 1000 + 1000);
    try {
      expect((await o.get('session')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-(8 * 3600 * 1000 + 1000));
    }
  });

  it('locks an address out for 15 minutes after 10 failures, whatever it sends then', async () => {
    const o = new Operator(t);
    for (let i = 1; i < 10; i++) expect((await o.login('wrong-password-000')).statusCode, `try ${i}`).toBe(401);
    const tenth = await o.login('wrong-password-000');
    expect(tenth.statusCode).toBe(429);
    expect(tenth.json().error.code).toBe('rate_limited');
    expect(Number(tenth.headers['retry-after'])).toBe(15 * 60);
    expect((await o.login()).statusCode).toBe(429);
    // Basic auth from the locked address is refused too.
    const basic = new Operator(t, o.ip, `${USER}:${PASSWORD}`);
    expect((await basic.get('workspaces')).statusCode).toBe(429);
    // Another address is not affected.
    expect((await new Operator(t).login()).statusCode).toBe(200);

    t.clock.advance(15 * 60 * 1000 + 1000);
    const after = await o.login();
    expect(after.statusCode, after.body).toBe(200);
  });

  it('needs the CSRF token for cookie writes', async () => {
    const o = new Operator(t);
    await o.login();
    const body = { name: unique('plan'), limits: { agents: 1, customers: 1, departments: 1 }, prices: [] };
    const without = await o.req('POST', 'plans', body, { 'x-csrf-token': '' });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('forbidden');
    const wrong = await o.req('POST', 'plans', body, { 'x-csrf-token': 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    expect((await o.post('plans', body)).statusCode).toBe(201);
  });

  it('takes HTTP Basic auth for scripts, without a CSRF token', async () => {
    const basic = new Operator(t, address(), `${USER}:${PASSWORD}`);
    expect((await basic.get('workspaces')).statusCode).toBe(200);
    const session = await basic.get('session');
    expect(session.json()).toEqual({ username: USER, csrfToken: '' });
    const created = await basic.post('plans', {
      name: unique('plan'),
      limits: { agents: null, customers: null, departments: null },
      prices: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const wrong = new Operator(t, address(), `${USER}:nope-nope-nope`);
    expect((await wrong.get('workspaces')).statusCode).toBe(401);
    expect((await new Operator(t).get('workspaces')).statusCode).toBe(401);
  });

  it('signing out ends the sign-in', async () => {
    const o = new Operator(t);
    await o.login();
    expect((await o.post('logout')).statusCode).toBe(204);
    expect((await o.get('session')).statusCode).toBe(401);
    // …every one of them; a new sign-in works at once.
    expect((await op.get('session')).statusCode).toBe(401);
    expect((await op.login()).statusCode).toBe(200);
    expect((await op.get('session')).statusCode).toBe(200);
  });
});

describe('workspaces', () => {
  const prefix = unique('opw');
  const mobile = `0912${String(randomInt(10_000_000)).padStart(7, '0')}`;
  let a: { id: number; slug: string; admin: Client; agent: Client };
  let b: { id: number; slug: string };

  async function make(suffix: string) {
    const slug = `${prefix}-${suffix}`;
    const { workspace } = await createWorkspace(t.deps, {
      slug,
      name: `Org ${suffix.toUpperCase()}`,
      admin: { username: 'admin', password: ADMIN_PASSWORD, email: `admin@${slug}.test` },
    });
    return { id: workspace.id, slug };
  }

  const list = async (query: string) => {
    const res = await op.get(`workspaces?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    // An unlimited paid plan, so that whatever trial plan other tests leave does not limit these.
    const plan = await op.post('plans', {
      name: unique('unlimited'),
      limits: { agents: null, customers: null, departments: null },
      prices: [{ months: 1, amount: 100_000 }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const wa = await make('a');
    const wb = await make('b');
    const ends = new Date(t.clock.now().getTime() + 30 * 86_400_000);
    await db().execute(
      sql`update subscriptions set plan_id = ${Number(plan.json().id)}, ends_at = ${ends}
        where workspace_id in (${wa.id}, ${wb.id})`,
    );
    await db().execute(sql`update subscriptions set owner_mobile = ${mobile} where workspace_id = ${wb.id}`);

    const admin = await signIn(t, wa.slug, 'admin', ADMIN_PASSWORD);
    const agent = (await makeUser(t, admin, wa.slug, { role: 'agent' })).client;
    await makeUser(t, admin, wa.slug, { role: 'agent' });
    for (let i = 0; i < 3; i++) await makeUser(t, admin, wa.slug, { role: 'customer' });
    const dep = await admin.post('departments', { name: 'Support' });
    expect(dep.statusCode, dep.body).toBe(201);
    for (const subject of ['One', 'Two'])
      expect((await admin.post('tickets', { subject, body: '<p>x</p>', departmentId: dep.json().id })).statusCode).toBe(
        201,
      );

    const pay = (ws: number, amount: number, state: string, purpose = 'credit') =>
      db().execute(sql`insert into payments (workspace_id, purpose, amount, authority, state, created_at)
        values (${ws}, ${purpose}, ${amount}, ${unique('A0000')}, ${state}, ${t.clock.now()})`);
    await pay(wa.id, 100_000, 'paid');
    await pay(wa.id, 250_000, 'paid', 'subscription');
    await pay(wa.id, 50_000, 'failed');
    await pay(wb.id, 70_000, 'paid');
    a = { ...wa, admin, agent };
    b = wb;
  });

  it('lists them with usage, revenue, credit and totals, in one page', async () => {
    const page = await list(`q=${prefix}`);
    expect(page.total).toBe(2);
    expect(page.totals).toEqual({ workspaces: 2, revenue: 420_000 });
    const byId = new Map(page.items.map((w: { id: string }) => [w.id, w]));
    expect(byId.get(String(a.id))).toMatchObject({
      slug: a.slug,
      name: 'Org A',
      state: 'active',
      plan: { id: expect.any(String), name: expect.stringMatching(/^unlimited/) },
      usage: { agents: 3, customers: 3, departments: 1, tickets: 2 },
      revenue: 350_000,
      credit: 0,
      suspendedAt: null,
    });
    expect(byId.get(String(b.id))).toMatchObject({
      ownerMobile: mobile,
      usage: { agents: 1, customers: 0, departments: 0, tickets: 0 },
      revenue: 70_000,
    });
  });

  it('filters by slug, name or owner mobile (in any digits) and pages newest first', async () => {
    expect((await list(`q=${prefix}-a`)).items.map((w: { slug: string }) => w.slug)).toEqual([a.slug]);
    const persian = mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
    expect((await list(`q=${encodeURIComponent(persian)}`)).items.map((w: { id: string }) => w.id)).toEqual([
      String(b.id),
    ]);
    expect((await list(`q=${encodeURIComponent('%')}&pageSize=1`)).items.length).toBeLessThanOrEqual(1);
    const first = await list(`q=${prefix}&pageSize=1&page=1`);
    const second = await list(`q=${prefix}&pageSize=1&page=2`);
    expect([first.total, first.items.length, second.items.length]).toEqual([2, 1, 1]);
    expect([first.items[0].id, second.items[0].id]).toEqual([String(b.id), String(a.id)]);
    expect(first.totals.revenue).toBe(420_000);
  });

  it('suspends (its people get 503) and resumes, in the workspace audit log', async () => {
    expect((await a.agent.get('tickets')).statusCode).toBe(200);
    const res = await op.post(`workspaces/${a.id}/suspend`, { note: 'Unpaid invoice' });
    expect(res.statusCode, res.body).toBe(204);
    const refused = await a.agent.get('tickets');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('suspended');

    const suspended = await list(`q=${prefix}&state=suspended`);
    expect(suspended.items.map((w: { id: string }) => w.id)).toEqual([String(a.id)]);
    expect(suspended.items[0]).toMatchObject({ state: 'suspended', suspensionNote: 'Unpaid invoice' });
    expect((await list(`q=${prefix}&state=active`)).items.map((w: { id: string }) => w.id)).toEqual([String(b.id)]);

    expect((await op.post(`workspaces/${a.id}/resume`)).statusCode).toBe(204);
    expect((await a.agent.get('tickets')).statusCode).toBe(200);
    const audit = await queryRows<{ action: string; data: { operator: string; note?: string } }>(
      db(),
      sql`select action, data from audit_log where workspace_id = ${a.id} and entity = 'workspace' order by id`,
    );
    expect(audit).toEqual([
      { action: 'workspace.suspended', data: { operator: USER, note: 'Unpaid invoice' } },
      { action: 'workspace.resumed', data: { operator: USER } },
    ]);
    expect((await op.post('workspaces/999999999/suspend', {})).statusCode).toBe(404);
  });

  it('grants SMS credit that the workspace sees in its credit and ledger', async () => {
    const res = await op.post(`workspaces/${a.id}/credit`, { amount: 5_000, note: 'Outage compensation' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().balance).toBe(5_000);
    expect((await a.admin.get('billing/credit')).json().balance).toBe(5_000);
    const entries = (await a.admin.get('billing/credit/entries')).json().items;
    expect(entries[0]).toMatchObject({ kind: 'grant', amount: 5_000, note: 'Outage compensation' });
    expect((await list(`q=${prefix}-a`)).items[0].credit).toBe(5_000);
    expect((await op.post(`workspaces/${a.id}/credit`, { amount: 0, note: 'x' })).statusCode).toBe(400);
    expect((await op.post('workspaces/999999999/credit', { amount: 1, note: 'x' })).statusCode).toBe(404);
  });

  it('lists every payment, or one workspace’s', async () => {
    const mine = await op.get(`payments?workspaceId=${a.id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBe(3);
    expect(
      mine
        .json()
        .items.map((p: { amount: number }) => p.amount)
        .sort(),
    ).toEqual([100_000, 250_000, 50_000]);
    for (const p of mine.json().items) expect(p.workspace).toEqual({ id: String(a.id), slug: a.slug });
    const all = await op.get('payments?pageSize=100');
    expect(all.json().total).toBeGreaterThanOrEqual(4);
  });
});
