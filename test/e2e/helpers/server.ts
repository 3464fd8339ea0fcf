import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../../helpers/pg-global-setup';
import { run, stop, waitReady, type Proc } from '../../helpers/server-process';

export { ApiClient } from './api';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface E2EServer {
  /** http://127.0.0.1:<port>, also the server's PUBLIC_URL. */
  base: string;
  database: string;
  dataDir: string;
  /** What the server printed so far (LOG_LEVEL=warn), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

let started = 0;

/** A port nobody listens on right now (asked from the system, not guessed). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (src/server/main.ts) as its own process, for one test file: a fresh
 * PostgreSQL database `pishkhan_e2e_<pid>_<n>` on 127.0.0.1:5432 (user postgres), a temporary
 * data directory, the demo workspace (admin, sara, reza, maryam, ali, zahra, john / demo1234)
 * unless demo is false, and the web app built in dist/web. stop() ends it and drops the database
 * (set KEEP_E2E_DB=1 to keep it for a look).
 */
export async function startServer(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<E2EServer> {
  // A private build (WEB_DIR, from E2E_WEB_DIR) serves instead of dist/web: that one must exist.
  const webDir = options.env?.WEB_DIR ?? `${ROOT}dist/web`;
  if (!existsSync(`${webDir}/index.html`))
    throw new Error(`${webDir} is missing: build the web app first (npm run build:web, or npx vite build).`);
  const database = `pishkhan_e2e_${process.pid}_${++started}`;
  await recreateDatabase(database);
  const dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let proc: Proc | undefined;
  const cleanup = async () => {
    if (proc) await stop(proc);
    if (!process.env.KEEP_E2E_DB) await dropDatabase(database).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    proc = run('src/server/main.ts', {
      DATABASE_URL: testDatabaseUrl(database),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DEMO: options.demo === false ? 'false' : 'true',
      SECRET_KEY: randomBytes(32).toString('base64url'),
      DB_POOL_SIZE: '4',
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    await waitReady(proc, `${base}/readyz`, 120_000);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const p = proc;
  return { base, database, dataDir, output: () => `${p.out()}\n${p.err()}`.trim(), stop: cleanup };
}
