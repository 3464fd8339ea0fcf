import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitReady, type Proc } from '../../test/helpers/server-process';

export interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * The real server on a database, started as `npm start` starts it (the bundle
 * dist/server/main.js, built first, `--max-old-space-size=192`): web only (no worker), no demo
 * data, request logs at warn. The README's figures before 2026-12-06 ran the sources with tsx.
 */
export async function startServer(databaseUrl: string, port: number): Promise<Server> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-bench-tenants-'));
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  const child = spawn(process.execPath, ['--max-old-space-size=192', '--enable-source-maps', 'dist/server/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH!,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO: 'false',
      WORKER: 'false',
      SECRET_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady({ child, out: () => out, err: () => '', exited } as Proc, `${url}/readyz`, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, stop };
}
