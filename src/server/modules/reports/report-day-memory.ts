import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/**
 * A report day in memory, packed: per row (department and agent) COLS numbers in `fig`, and the
 * row's histograms (report-buckets.ts: bucket numbers ascending, counts, sums of seconds) as
 * spans of three arrays shared by the day's rows. A year at a million tickets is ~100,000 rows
 * and ~1.5 million entries: ~32 MB in ~1,800 typed arrays (an object per row and three arrays per
 * histogram would be ~600,000 objects, several times the memory).
 */
export interface HeldDay {
  rows: number;
  fig: Float64Array;
  b: Int16Array;
  n: Int32Array;
  s: Float64Array;
}
/** The columns of a row in `fig`; a histogram's entries are b/n/s[start .. end). */
export const F = {
  dep: 0,
  agent: 1,
  created: 2,
  closed: 3,
  met: 4,
  breached: 5,
  running: 6,
  csatSum: 7,
  csatN: 8,
  frStart: 9,
  frEnd: 10,
  resStart: 11,
  resEnd: 12,
} as const;
const COLS = 13;
export const FIG_COLS = COLS;

/** The days one workspace's overviews read, held by this process. */
interface Held {
  timeZone: string;
  /** The report_state.version the days are at least as new as. */
  version: number;
  days: Map<string, HeldDay>;
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
): Promise<HeldDay[] | null> {
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
): Promise<HeldDay[] | null> {
  if (version > h.version) await catchUp(deps, m, h, ws, version);
  const missing = days.filter((d) => !h.days.has(d));
  if (missing.length) {
    const loaded = await load(deps, ws, missing);
    let bytes = 0;
    for (const d of missing) {
      const day = loaded.get(d) ?? EMPTY;
      h.days.set(d, day);
      bytes += dayBytes(day);
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
      for (const d of days) {
        const day = h.days.get(d);
        if (!day) continue;
        h.bytes -= dayBytes(day);
        if (m.held.get(ws) === h) m.used -= dayBytes(day);
        h.days.delete(d);
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

/** What a day takes in memory: its arrays, and ~300 bytes of objects. */
const dayBytes = (d: HeldDay) => 300 + d.fig.byteLength + d.b.byteLength + d.n.byteLength + d.s.byteLength;
const EMPTY: HeldDay = {
  rows: 0,
  fig: new Float64Array(0),
  b: new Int16Array(0),
  n: new Int32Array(0),
  s: new Float64Array(0),
};

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

/** Reads the report days `days` of a workspace in one statement (by the primary key), each packed. */
async function load(deps: AppDeps, ws: number, days: string[]): Promise<Map<string, HeldDay>> {
  const rows = await queryRows<LoadedRow>(
    deps.database.db,
    sql`select day::text as day, department_id as dep, agent_id as agent, created, closed, sla_met as met,
          sla_breached as breached, sla_running as running, csat_sum, csat_count as csat_n,
          fr_buckets as frb, fr_counts as frn, fr_sums as frs, res_buckets as resb, res_counts as resn, res_sums as ress
        from report_days where workspace_id = ${ws} and day = any(${`{${days.join(',')}}`}::date[])
        order by day`,
  );
  const out = new Map<string, HeldDay>();
  for (let i = 0; i < rows.length;) {
    let j = i;
    let entries = 0;
    for (; j < rows.length && rows[j].day === rows[i].day; j++)
      entries += (rows[j].frb?.length ?? 0) + (rows[j].resb?.length ?? 0);
    out.set(rows[i].day, pack(rows.slice(i, j), entries));
    i = j;
  }
  return out;
}

function pack(rows: LoadedRow[], entries: number): HeldDay {
  const d: HeldDay = {
    rows: rows.length,
    fig: new Float64Array(rows.length * COLS),
    b: new Int16Array(entries),
    n: new Int32Array(entries),
    s: new Float64Array(entries),
  };
  let e = 0;
  const put = (b: number[] | null, n: number[] | null, s: number[] | null) => {
    const from = e;
    if (b && n && s)
      for (let k = 0; k < b.length; k++, e++) {
        d.b[e] = b[k];
        d.n[e] = n[k];
        d.s[e] = s[k];
      }
    return [from, e];
  };
  rows.forEach((r, i) => {
    const [frStart, frEnd] = put(r.frb, r.frn, r.frs);
    const [resStart, resEnd] = put(r.resb, r.resn, r.ress);
    d.fig.set(
      [
        Number(r.dep),
        Number(r.agent),
        r.created,
        r.closed,
        r.met,
        r.breached,
        r.running,
        r.csat_sum,
        r.csat_n,
        frStart,
        frEnd,
        resStart,
        resEnd,
      ],
      i * COLS,
    );
  });
  return d;
}
