import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of its own (initdb + pg_ctl on a free port, in a temporary directory),
 * for tests that stop, restart and kill the database — never the shared server on 5432.
 * As root, initdb refuses to run: the cluster then belongs to the `postgres` account.
 */
export interface PrivatePg {
  port: number;
  url: string;
  start(): Promise<void>;
  /** A clean stop (`-m fast`: sessions are terminated, 57P01). */
  stop(): Promise<void>;
  /** A crash (`-m immediate`: every process quits at once, recovery on the next start). */
  kill(): Promise<void>;
  /** Stops for good and removes the directory. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function createPrivatePg(): Promise<PrivatePg> {
  for (const bin of ['initdb', 'pg_ctl'])
    if (!existsSync(join(PG_BIN, bin)))
      throw new Error(
        `${join(PG_BIN, bin)} is missing: install the Debian package "postgresql" (apt-get install postgresql), or set PG_BIN`,
      );
  const root = mkdtempSync(join(tmpdir(), 'pk-private-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: gid } = await exec('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
    chmodSync(root, 0o700);
  }
  // Runs a PostgreSQL binary, as `postgres` when we are root.
  const pgRun = (bin: string, args: string[], timeout = 60_000) =>
    asRoot
      ? exec('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], { timeout })
      : exec(join(PG_BIN, bin), args, { timeout });

  await pgRun('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-N']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');
  const ctl = (args: string[]) => pgRun('pg_ctl', ['-D', dataDir, '-w', '-t', '30', ...args]);
  const pg: PrivatePg = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => void (await ctl(['-o', opts, '-l', join(root, 'log'), 'start'])),
    stop: async () => void (await ctl(['-m', 'fast', 'stop'])),
    kill: async () => void (await ctl(['-m', 'immediate', 'stop'])),
    destroy: async () => {
      await ctl(['-m', 'immediate', 'stop']).catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
