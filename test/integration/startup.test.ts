import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../helpers/pg-global-setup';
import { login, randomPort, run, stop, waitReady } from '../helpers/server-process';

/** The product as an operator meets it: real processes, real ports, real data directories. */
describe('starting the server', () => {
  it('with demo data (npm start): the README logins work', async () => {
    const port = randomPort();
    const base = `http://127.0.0.1:${port}`;
    const p = run('src/server/main.ts', {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-demo-')),
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      await waitReady(p, `${base}/readyz`);
      for (const [name, pass] of [
        ['admin', 'demo1234'],
        ['sara', 'demo1234'],
        ['reza', 'demo1234'],
        ['ali', 'demo1234'],
      ]) {
        expect((await login(base, name, pass)).status, name).toBe(200);
      }
      const res = await login(base, 'sara', 'demo1234');
      const cookie = res.headers.getSetCookie()[0].split(';')[0];
      const deps = (await (await fetch(`${base}/api/v1/departments`, { headers: { cookie } })).json()) as {
        total: number;
      };
      expect(deps.total).toBe(4);
    } finally {
      await stop(p);
    }
  }, 120_000);

  it('DEMO=false without an admin: prints a generated password once; a second process on the same data stops at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pk-empty-'));
    const port = randomPort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false' };
    const first = run('src/server/main.ts', env);
    try {
      await waitReady(first, `${base}/readyz`);
      const password = /Password: (\S+)/.exec(first.out())![1];
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect((await login(base, 'admin', password)).status).toBe(200);

      const second = run('src/server/main.ts', { ...env, PORT: String(port + 1) });
      const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
      expect(code).toBe(1);
      expect(second.err()).toMatch(/is in use by another Pishkhan process/);
    } finally {
      await stop(first);
    }
    const again = run('src/server/main.ts', env);
    try {
      await waitReady(again, `${base}/readyz`);
      expect(again.out()).not.toMatch(/Password:/);
    } finally {
      await stop(again);
    }
  }, 150_000);

  it('a bad variable stops the process with a message naming it', async () => {
    const p = run('src/server/main.ts', { DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-bad-')), PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/Invalid configuration:\s+- PORT: must be a number/);
  }, 60_000);

  it('on PostgreSQL: npm run migrate alone, then the server with ADMIN_USERNAME and ADMIN_PASSWORD', async () => {
    const name = `pishkhan_startup_${process.pid}`;
    await recreateDatabase(name);
    onTestFinished(() => dropDatabase(name));
    const url = testDatabaseUrl(name);
    const m1 = run('src/server/migrate-cli.ts', { DATABASE_URL: url });
    expect(await m1.exited).toBe(0);
    expect(m1.out()).toMatch(/Applied \d+ migration/);
    const m2 = run('src/server/migrate-cli.ts', { DATABASE_URL: url });
    expect(await m2.exited).toBe(0);
    expect(m2.out()).toMatch(/up to date/);

    const port = randomPort();
    const base = `http://127.0.0.1:${port}`;
    const p = run('src/server/main.ts', {
      DATABASE_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-pg-')),
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'false',
      ADMIN_USERNAME: 'chief',
      ADMIN_PASSWORD: 'chief-password-1',
    });
    try {
      await waitReady(p, `${base}/readyz`);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', database: 'postgres' });
      expect((await login(base, 'chief', 'chief-password-1')).status).toBe(200);
      expect(p.out()).not.toMatch(/Password:/);
    } finally {
      await stop(p);
    }
  }, 150_000);
});
