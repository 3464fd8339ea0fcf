import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { drive, type LoadRequest, type Measured } from '../load/measure';
import { prepare, requestFor, type Fixture, type ScenarioName } from '../load/scenarios';
import { ADMIN_PASSWORD } from './seed';
import { USER_PASSWORD } from '../seed/people';

/** The queue and search scenarios of the load runner (bench/load/scenarios.ts). queue-page-50 is
 * left out: page 50 of 25 is past the end of a 1,000-ticket workspace. */
export const TENANT_SCENARIOS: TenantScenario[] = [
  'queue-first-page',
  'queue-filtered',
  'search-fa',
  'search-en',
  'search-phrase',
  'search-number',
  'search-printer',
  'search-name',
];

/**
 * Two searches added here, where a shared database could show: the runner's words are common
 * (`لطفا` is in a third of the tickets, `there` in 7%), so the planner walks the workspace's own
 * list index; a rarer word (`printer`, ~3%) and a first name (`رضا`, the requester search over
 * users_name_search_gin, a name that repeats in every workspace) make it use the GIN indexes:
 * the tickets' hold every workspace's rows; the users' (since migration 0028) each workspace's
 * under its own keys.
 */
export const EXTRA_QUERIES = { 'search-printer': 'printer', 'search-name': 'رضا' } as const;
export type TenantScenario = ScenarioName | keyof typeof EXTRA_QUERIES;

export function requestOf(name: TenantScenario, f: Fixture): LoadRequest {
  if (name in EXTRA_QUERIES) {
    const q = EXTRA_QUERIES[name as keyof typeof EXTRA_QUERIES];
    return { path: `/api/v1/tickets?q=${encodeURIComponent(q)}`, headers: f.agent };
  }
  return requestFor(name as ScenarioName, f);
}

/** What the load runner's prepare() finds through the API, for each workspace (agent1, a customer, …). */
export async function fixtures(url: string, slugs: string[]): Promise<Fixture[]> {
  const out: Fixture[] = [];
  // Four at a time: each signs three people in (scrypt) and reads a dozen lists.
  for (let i = 0; i < slugs.length; i += 4)
    out.push(...(await Promise.all(slugs.slice(i, i + 4).map((s) => prepare(url, s, ADMIN_PASSWORD, USER_PASSWORD)))));
  return out;
}

/**
 * One scenario over several workspaces: each request is the scenario's request of a workspace
 * drawn at random. measure.ts builds a request as path, then body, then `{ ...headers }`; the
 * headers are getters on the workspace the path drew, so each request carries that
 * workspace's agent session (the session names the workspace).
 */
export function spread(name: TenantScenario, fx: Fixture[]): LoadRequest {
  const reqs = fx.map((f) => requestOf(name, f));
  let current = reqs[0];
  const headers: Record<string, string> = {};
  for (const key of Object.keys(reqs[0].headers ?? {}))
    Object.defineProperty(headers, key, { enumerable: true, get: () => current.headers![key] });
  return {
    method: reqs[0].method,
    path: () => {
      current = reqs[Math.floor(Math.random() * reqs.length)];
      return typeof current.path === 'function' ? current.path() : current.path;
    },
    body:
      reqs[0].body === undefined
        ? undefined
        : () => (typeof current.body === 'function' ? current.body() : (current.body ?? '')),
    headers,
  };
}

/** CPU seconds (user + system) of processes, from /proc/<pid>/stat. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      /* the process ended */
    }
  }
  return ticks / 100; // USER_HZ
}

/** The PostgreSQL backends serving a database (the server's pool, once warm). */
async function backends(c: pg.Client): Promise<number[]> {
  const r = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  return r.rows.map((x) => Number(x.pid)).filter((pid) => pid !== (c as unknown as { processID: number }).processID);
}

/** Shared buffers the database's statements touched since its statistics were reset, and of them
 * those not in shared_buffers (read from the operating system's cache or the disk). */
async function blocks(c: pg.Client): Promise<{ touched: number; read: number }> {
  const r = await c.query<{ hit: string; read: string }>(
    'select blks_hit as hit, blks_read as read from pg_stat_database where datname = current_database()',
  );
  return { touched: Number(r.rows[0].hit) + Number(r.rows[0].read), read: Number(r.rows[0].read) };
}

export interface Run extends Measured {
  /** CPU time per request of the server process and of the database's backends, in ms. */
  serverCpuMs: number;
  pgCpuMs: number;
  /** Shared buffers touched per request, every statement of the request included. */
  buffers: number;
  /** Of them, not found in shared_buffers. */
  buffersRead: number;
  /** The machine's 1-minute load average at the end (other work on the two cores shows here). */
  load: number;
}

/**
 * One measured run: warm-up, then the recorded run with the CPU both sides spent and the
 * buffers PostgreSQL touched (the database's statistics are reset first: these are bench
 * databases; backends report their counters within a second, hence the wait).
 */
export async function measure(
  server: { url: string; pid: number },
  databaseUrl: string,
  req: LoadRequest,
  o: { connections: number; durationS: number; warmupS: number },
): Promise<Run> {
  if (o.warmupS > 0) await drive(server.url, req, { ...o, durationS: o.warmupS, warmupS: 0 });
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const pids = await backends(c);
    await c.query('select pg_stat_reset()');
    const before = { server: cpuSeconds([server.pid]), pg: cpuSeconds(pids) };
    const m = await drive(server.url, req, { ...o, warmupS: 0, pid: server.pid });
    const after = { server: cpuSeconds([server.pid]), pg: cpuSeconds(pids), load: loadavg()[0] };
    await new Promise((r) => setTimeout(r, 2000));
    const per = (n: number, scale = 1000) => Math.round(((n * scale) / Math.max(1, m.requests)) * 100) / 100;
    const b = await blocks(c);
    return {
      ...m,
      serverCpuMs: per(after.server - before.server),
      pgCpuMs: per(after.pg - before.pg),
      buffers: per(b.touched, 1),
      buffersRead: per(b.read, 1),
      load: Math.round(after.load * 10) / 10,
    };
  } finally {
    await c.end();
  }
}
