import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

let t: TestApp;
let slug: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
});
afterAll(() => t.close());

describe('logs', () => {
  it('are JSON lines with request ids, and never carry passwords, tokens or cookies', async () => {
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const password = 'Very-Secret-Password-42';
    const u = await makeUser(t, admin, slug, { role: 'agent', password });
    const token = (await u.client.post('api-tokens', { name: 'x' })).json().token as string;
    await new Client(t, { bearer: token }).get('auth/me');
    await new Client(t, { slug }).post('auth/password/reset', { token: 'reset-token-value-that-is-long', password });
    await new Client(t, { slug }).get('public/settings?code=tracking-secret-123&page=2');
    const secrets = [
      password,
      ADMIN_PASSWORD,
      token,
      u.client.s.cookie!,
      u.client.s.csrf!,
      admin.s.cookie!,
      'reset-token-value-that-is-long',
      'tracking-secret-123',
    ];
    const text = t.logs.join('');
    for (const s of secrets) expect(text.includes(s), `log contains ${s.slice(0, 6)}…`).toBe(false);
    const lines = t.logs.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l));
    const signInLines = lines.filter((l) => l.req?.url === '/api/v1/auth/login');
    expect(signInLines.length).toBeGreaterThan(0);
    expect(signInLines.every((l) => typeof l.reqId === 'string')).toBe(true);
    expect(lines.some((l) => l.req?.url === '/api/v1/public/settings?code=redacted&page=2')).toBe(true);
  });

  it('echo a given x-request-id, or make one', async () => {
    const res = await new Client(t, { slug }).get('public/settings', { headers: { 'x-request-id': 'trace-abcdef12' } });
    expect(res.headers['x-request-id']).toBe('trace-abcdef12');
    const made = await new Client(t, { slug }).get('public/settings');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('contract and health', () => {
  it('serves the OpenAPI document generated from the contracts, and a docs page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/departments',
      '/api/v1/settings',
      '/api/v1/public/settings',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties.login).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });

  it('/healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'postgres' });
  });

  it('responses only carry whitelisted fields: no hashes, no lock counters', async () => {
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const body = (await admin.get('users?pageSize=100')).body;
    expect(body).not.toMatch(/passwordHash|password_hash|scrypt|failedLogins|lockedUntil|deletedAt/);
  });
});

describe('jobs', () => {
  it('a job enqueued in a transaction that rolls back never exists', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.database.executeSql<{ n: number }>(
            "select count(*)::int as n from pgboss.job where name = 'maintenance.cleanup' and data->>'probe' = 'tx'",
          )
        ).rows[0].n,
      );
    const before = await count();
    await t.deps.database.db
      .transaction(async (tx) => {
        await t.deps.jobs.send('maintenance.cleanup', { probe: 'tx' }, { executor: tx });
        await tx.execute(sql`select 1`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await count()).toBe(before);
    await t.deps.database.db.transaction(async (tx) => {
      await t.deps.jobs.send('maintenance.cleanup', { probe: 'tx' }, { executor: tx });
    });
    expect(await count()).toBe(before + 1);
  });
});
