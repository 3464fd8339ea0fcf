/**
 * Where the intake benchmark's time goes on the database side: every statement the app sends
 * through node-postgres is timed from the client's `query` call to its answer (round trip plus
 * PostgreSQL's work, not the wait for a pooled connection), grouped by the start of its SQL.
 * In-process and for benchmarks only: it patches pg.Client.prototype while `start`ed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

export interface StatementStat {
  sql: string;
  count: number;
  totalMs: number;
}

type QueryFn = (...args: unknown[]) => unknown;

export function statementTimer() {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const stats = new Map<string, StatementStat>();
  let on = false;

  const keyOf = (text: string) => {
    const flat = text.replace(/\s+/g, ' ').replace(/"/g, '').trim();
    // pg-boss's own statements are long and differ by schema name only.
    return flat.slice(0, 90);
  };
  const record = (text: unknown, ms: number) => {
    if (!on || typeof text !== 'string') return;
    const key = keyOf(text);
    const s = stats.get(key) ?? { sql: key, count: 0, totalMs: 0 };
    s.count++;
    s.totalMs += ms;
    stats.set(key, s);
  };

  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; submit?: unknown } | undefined;
    // Query objects with their own submit (cursors, COPY streams) pass through untimed.
    if (!on || (first && typeof first === 'object' && typeof first.submit === 'function'))
      return original.apply(this, args);
    const text = typeof first === 'string' ? first : first?.text;
    const t0 = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (...r: unknown[]) => unknown;
      args[last] = function (this: unknown, ...r: unknown[]) {
        record(text, performance.now() - t0);
        return cb.apply(this, r);
      };
      return original.apply(this, args);
    }
    const res = original.apply(this, args) as Promise<unknown> | undefined;
    if (res && typeof res.then === 'function')
      res.then(
        () => record(text, performance.now() - t0),
        () => record(text, performance.now() - t0),
      );
    return res;
  };

  return {
    start() {
      stats.clear();
      on = true;
    },
    stop() {
      on = false;
    },
    /** Puts node-postgres back as it was. */
    restore() {
      on = false;
      proto.query = original;
    },
    /** Every statement group, most total time first. */
    stats(): StatementStat[] {
      return [...stats.values()].sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}

/** Samples this process's resident set every 250 ms from now on; `peakMb` is the largest seen. */
export function rssSampler() {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 250);
  timer.unref();
  return {
    startMb: () => Math.round(start / 1048576),
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576),
    stop: () => clearInterval(timer),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc; null once it is gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Processes whose process group is `pgid` (Dovecot's master runs in its own group with its children). */
export function processGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) out.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * CPU time used by a changing set of processes (database backends, mail server processes)
 * while sampling runs: every second `pids()` names them (a scan of /proc, kept rare so the
 * sampler itself costs little) and each one's counter is read; a process counts from its
 * first sighting to its last, so this is a lower bound.
 */
export function cpuSampler(pids: () => Promise<number[]> | number[]) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async () => {
    for (const pid of await pids()) {
      const s = cpuSecondsOf(pid);
      if (s === null) continue;
      if (!first.has(pid)) first.set(pid, s);
      last.set(pid, s);
    }
  };
  let running = sample();
  const timer = setInterval(() => {
    running = running.then(sample, sample);
  }, 1000);
  timer.unref();
  return {
    /** Stops sampling and returns the CPU seconds used meanwhile. */
    async stop(): Promise<number> {
      clearInterval(timer);
      await running.catch(() => undefined);
      await sample();
      let total = 0;
      for (const [pid, s] of last) total += s - first.get(pid)!;
      return total;
    },
  };
}

/** Processes whose command line (arguments joined by spaces) passes `test`. */
export function processesMatching(test: (cmdline: string) => boolean): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (test(readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim())) out.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}
