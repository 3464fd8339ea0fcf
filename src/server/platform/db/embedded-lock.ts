import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * PGlite must be opened by one process only, or its files are corrupted. The lock is a file
 * created with O_EXCL holding our PID; a lock left by a process that is gone is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'pishkhan.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner && owner.host === hostname() && isAlive(owner.pid) && owner.pid !== process.pid) {
        throw new DataDirLockedError(
          `The data directory ${dir} is in use by another Pishkhan process (pid ${owner.pid}, since ${owner.since}). ` +
            'Stop that process first, or set DATA_DIR to another directory, or DATABASE_URL to use PostgreSQL.',
        );
      }
      if (owner && owner.host !== hostname()) {
        throw new DataDirLockedError(
          `The data directory ${dir} is locked by a process on host ${owner.host} (pid ${owner.pid}). ` +
            `If that process is gone, delete ${file}.`,
        );
      }
      rmSync(file, { force: true }); // stale: its process has ended
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}.`);
}

function readOwner(file: string): { pid: number; host: string; since: string } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
