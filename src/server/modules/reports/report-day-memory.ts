import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/** Durations as report_days keeps them (report-buckets.ts): bucket numbers ascending, counts, sums of seconds. */
export interface Hist {
  b: Int16Array;
  n: Int32Array;
  s: Float64Array;
}

/** A report_days row in memory. */
export interface DayRow {
  dep: number;
  agent: number;
  created: number;
  closed: number;
  met: number;
  breached: number;
  running: number;
  csatSum: number;
  csatN: number;
  fr: Hist | null;
  res: Hist | null;
}

/** The days one workspace's overviews read, held by this process. */
interface Held {
  timeZone: string;
  /** The report_state.version the days are at least as new as. */
  version: number;
  days: Map<string, DayRow[]>;
  bytes: number;
  /** Catching up and loading, one at a time per workspace. */
  queue: Promise<unknown>;
}

interface Memory {
  budget: number;
  used: number;
  /** In order of last use (a Map keeps insertion order): the first is the one to let go. */
  held: Map<number, Held>;
  /** Per workspace, a number of days that did not fit: as many or more are read from PostgreSQL. */
  tooMany: Map<number, number>;
}

/** One memory per database (an app; tests run several in one process). */
const memories = new WeakMap<AppDeps['database'], Memory>();
export const DEFAULT_REPORT_MEMORY_MB = 64;

function memoryOf(deps: AppDeps): Memory {
  let m = memories.get(deps.database);
  if (!m) {
    const mb = deps.config.reportMemoryMb ?? DEFAULT_REPORT_MEMORY_MB;
    memories.set(deps.database, (m = { budget: mb * 1024 * 1024, used: 0, held: new Map(), tooMany: new Map() }));
  }
  return m;
}

/**
 * The report days `days` of a workspace, at least as new as `version` (its report days' version
 * once brought up to date), held in this process's memory: an overview adds them up in
 * JavaScript (overview-in-memory.ts) instead of making PostgreSQL unnest every histogram entry
 * of the range again (~1 µs each: a year at a million tickets is ~1.5 million entries, ~1 s).
 * Days missing are read in one statement; days a refresh recounted since are forgotten first,
 * by the list report_recounts keeps per version. Null when this process holds no report days
 * (REPORT_MEMORY_MB=0) or the range does not fit: the caller reads PostgreSQL instead.
 */
export function heldDays(
  deps: AppDeps,
  ws: number,
  timeZone: string,
  version: number,
  days: string[],
): Promise<DayRow[][] | null> {
  const m = memoryOf(deps);
  if (m.budget <= 0 || (m.tooMany.get(ws) ?? Infinity) <= days.length) return Promise.resolve(null);
  let h = m.held.get(ws);
  if (h && h.timeZone !== timeZone) forget(m, ws);
  if (!h || h.timeZone !== timeZone) h = { timeZone, version, days: new Map(), bytes: 0, queue: Promise.resolve() };
  // Last used goes last.
  m.held.delete(ws);
  m.held.set(ws, h);
  const held = h;
  const run = held.queue.then(() => bring(deps, m, ws, held, version, days));
  held.queue = run.catch(() => undefined);
  return run;
}

/** Forgets what a workspace's overviews held (its days are read again when next asked for). */
function forget(m: Memory, ws: number) {
  const h = m.held.get(ws);
  if (!h) return;
  m.used -= h.bytes;
  m.held.delete(ws);
}

async function bring(
  deps: AppDeps,
  m: Memory,
  ws: number,
  h: Held,
  version: number,
  days: string[],
): Promise<DayRow[][] | null> {
  if (version > h.version) await catchUp(deps, m, h, ws, version);
  const missing = days.filter((d) => !h.days.has(d));
  if (missing.length) {
    const loaded = await load(deps, ws, missing);
    let bytes = 0;
    for (const d of missing) h.days.set(d, []);
    for (const [day, row] of loaded) {
      h.days.get(day)!.push(row);
      bytes += rowBytes(row);
    }
    h.bytes += bytes;
    if (m.held.get(ws) === h) m.used += bytes;
  }
  const out = days.map((d) => h.days.get(d)!);
  // A range this process cannot hold is answered once, then read from PostgreSQL (not loaded again and again).
  if (m.held.get(ws) === h && !fit(m, ws)) m.tooMany.set(ws, days.length);
  return out;
}

/**
 * Forgets the days recounted since the held version, following report_recounts from it to
 * `version`. Where the chain breaks (a build or a new zone raised the version, or this process
 * is more than the last 1,000 recounts behind) it forgets every day.
 */
async function catchUp(deps: AppDeps, m: Memory, h: Held, ws: number, version: number) {
  const links = await queryRows<{ version: string; previous: string; days: string[] }>(
    deps.database.db,
    sql`select version, previous, days::text[] as days from report_recounts
        where workspace_id = ${ws} and version > ${h.version} and version <= ${version} order by version`,
  );
  let at = h.version;
  for (const link of links) if (Number(link.previous) === at) at = Number(link.version);
  if (at !== version) {
    if (m.held.get(ws) === h) m.used -= h.bytes;
    h.days.clear();
    h.bytes = 0;
  } else
    for (const { days } of links)
      for (const day of days) {
        const rows = h.days.get(day);
        if (!rows) continue;
        const bytes = rows.reduce((sum, r) => sum + rowBytes(r), 0);
        h.bytes -= bytes;
        if (m.held.get(ws) === h) m.used -= bytes;
        h.days.delete(day);
      }
  h.version = version;
}

/**
 * Lets go of the least recently used workspaces' days until the memory is within its budget;
 * false when `current`'s alone were too many (they are let go too).
 */
function fit(m: Memory, current: number): boolean {
  for (const ws of m.held.keys()) {
    if (m.used <= m.budget) return true;
    if (ws !== current) forget(m, ws);
  }
  if (m.used <= m.budget) return true;
  forget(m, current);
  return false;
}

/** What a row takes in memory, roughly: the object and its typed arrays (2 + 4 + 8 bytes an entry). */
const rowBytes = (r: DayRow) =>
  160 + ((r.fr?.b.length ?? 0) + (r.res?.b.length ?? 0)) * 14 + (r.fr ? 200 : 0) + (r.res ? 200 : 0);

interface LoadedRow {
  day: string;
  dep: string;
  agent: string;
  created: number;
  closed: number;
  met: number;
  breached: number;
  running: number;
  csat_sum: number;
  csat_n: number;
  frb: number[] | null;
  frn: number[] | null;
  frs: number[] | null;
  resb: number[] | null;
  resn: number[] | null;
  ress: number[] | null;
}

const hist = (b: number[] | null, n: number[] | null, s: number[] | null): Hist | null =>
  b && n && s && b.length ? { b: Int16Array.from(b), n: Int32Array.from(n), s: Float64Array.from(s) } : null;

/** Reads the report days `days` of a workspace, one statement by the primary key. */
async function load(deps: AppDeps, ws: number, days: string[]): Promise<[string, DayRow][]> {
  const rows = await queryRows<LoadedRow>(
    deps.database.db,
    sql`select day::text as day, department_id as dep, agent_id as agent, created, closed, sla_met as met,
          sla_breached as breached, sla_running as running, csat_sum, csat_count as csat_n,
          fr_buckets as frb, fr_counts as frn, fr_sums as frs, res_buckets as resb, res_counts as resn, res_sums as ress
        from report_days where workspace_id = ${ws} and day = any(${`{${days.join(',')}}`}::date[])`,
  );
  return rows.map((r) => [
    r.day,
    {
      dep: Number(r.dep),
      agent: Number(r.agent),
      created: r.created,
      closed: r.closed,
      met: r.met,
      breached: r.breached,
      running: r.running,
      csatSum: r.csat_sum,
      csatN: r.csat_n,
      fr: hist(r.frb, r.frn, r.frs),
      res: hist(r.resb, r.resn, r.ress),
    },
  ]);
}
