import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { Figures } from './overview-rows';
import { dayBytes, EMPTY, FIG_COLS, newHeldDay, type HeldDay } from './report-held-day';
import { decimals, sizeOf, wholeNumbers } from './report-array-text';
import { mergeDays } from './report-day-sums';
import { datesSql, monthOf } from './report-months';

/** The days one workspace's overviews read, held by this process. */
interface Held {
  timeZone: string;
  /** The report_state.version the days are at least as new as. */
  version: number;
  days: Map<string, HeldDay>;
  /** Whole months of held days, added up (first day → the month as one day). */
  months: Map<string, HeldDay>;
  bytes: number;
  /** Catching up and loading, one at a time per workspace. */
  queue: Promise<unknown>;
}

interface Memory {
  budget: number;
  /** In order of last use (a Map keeps insertion order): the first is the one to let go. */
  held: Map<number, Held>;
  /** Per workspace, a number of days that did not fit: as many or more are read from PostgreSQL. */
  tooMany: Map<number, number>;
}

/** What an overview adds up: each day of the range, and the range as whole months and loose days. */
export interface HeldRange {
  days: HeldDay[];
  units: HeldDay[];
}

/** One memory per database (an app; tests run several in one process). */
const memories = new WeakMap<AppDeps['database'], Memory>();
export const DEFAULT_REPORT_MEMORY_MB = 64;
/** Days read by one statement. */
const LOAD_CHUNK_DAYS = 31;

function memoryOf(deps: AppDeps): Memory {
  let m = memories.get(deps.database);
  if (!m) {
    const mb = deps.config.reportMemoryMb ?? DEFAULT_REPORT_MEMORY_MB;
    memories.set(deps.database, (m = { budget: mb * 1024 * 1024, held: new Map(), tooMany: new Map() }));
  }
  return m;
}

/**
 * The report days `days` of a workspace, at least as new as `version` (its report days' version
 * once brought up to date), held in this process's memory, and the range as whole months
 * (`whole`, their first days: added up once from their days and kept) and the days outside
 * them: an overview adds these up in JavaScript (overview-in-memory.ts) instead of making
 * PostgreSQL unnest every histogram entry of the range again (~1 µs each: a year at a million
 * tickets is ~1.5 million entries). Days missing are read a month a statement; days a refresh
 * recounted since are forgotten first, by report_recounts. Null when this process holds no
 * report days (REPORT_MEMORY_MB=0) or the range does not fit: the caller reads PostgreSQL.
 */
export function heldDays(
  deps: AppDeps,
  ws: number,
  timeZone: string,
  version: number,
  days: string[],
  whole: string[],
): Promise<HeldRange | null> {
  const m = memoryOf(deps);
  if (m.budget <= 0 || (m.tooMany.get(ws) ?? Infinity) <= days.length) return Promise.resolve(null);
  let h = m.held.get(ws);
  if (!h || h.timeZone !== timeZone)
    h = { timeZone, version, days: new Map(), months: new Map(), bytes: 0, queue: Promise.resolve() };
  // Last used goes last.
  m.held.delete(ws);
  m.held.set(ws, h);
  const held = h;
  const run = held.queue.then(() => bring(deps, m, ws, held, version, days, whole));
  held.queue = run.catch(() => undefined);
  return run;
}

async function bring(
  deps: AppDeps,
  m: Memory,
  ws: number,
  h: Held,
  version: number,
  days: string[],
  whole: string[],
): Promise<HeldRange> {
  if (version > h.version) await catchUp(deps, h, ws, version);
  const missing = days.filter((d) => !h.days.has(d));
  // A month of days a statement, two at a time (PostgreSQL writes one while this process parses
  // the other): what node-postgres reads (~10 MB a month at 1M tickets) is packed before the
  // next is read, so a year never sits in the heap as parsed rows.
  const chunks: string[][] = [];
  for (let i = 0; i < missing.length; i += LOAD_CHUNK_DAYS) chunks.push(missing.slice(i, i + LOAD_CHUNK_DAYS));
  const next = async (): Promise<void> => {
    const chunk = chunks.shift();
    if (!chunk) return;
    const loaded = await load(deps, ws, chunk);
    for (const d of chunk) keep(h.days, h, d, loaded.get(d) ?? EMPTY);
    return next();
  };
  await Promise.all([next(), next()]);
  const held = days.map((d) => h.days.get(d)!);
  const wanted = new Set(whole);
  const units: HeldDay[] = [];
  for (const month of whole) {
    let sum = h.months.get(month);
    if (!sum) keep(h.months, h, month, (sum = mergeDays(held.filter((_, i) => monthOf(days[i]) === month))));
    units.push(sum);
  }
  days.forEach((d, i) => {
    if (!wanted.has(monthOf(d))) units.push(held[i]);
  });
  // A range this process cannot hold is answered once, then read from PostgreSQL (not loaded again and again).
  if (m.held.get(ws) === h && !fit(m, ws, h, days, whole)) m.tooMany.set(ws, days.length);
  return { days: held, units };
}

function keep(map: Map<string, HeldDay>, h: Held, key: string, day: HeldDay) {
  drop(map, h, key);
  map.set(key, day);
  h.bytes += dayBytes(day);
}

function drop(map: Map<string, HeldDay>, h: Held, key: string) {
  const day = map.get(key);
  if (!day) return;
  h.bytes -= dayBytes(day);
  map.delete(key);
}

/**
 * Forgets the days recounted since the held version (and their months), following
 * report_recounts from it to `version`. Where the chain breaks (a build or a new zone raised the
 * version, or this process is more than the last 1,000 recounts behind) it forgets every day.
 */
async function catchUp(deps: AppDeps, h: Held, ws: number, version: number) {
  const links = await queryRows<{ version: string; previous: string; days: string[] }>(
    deps.database.db,
    sql`select version, previous, days::text[] as days from report_recounts
        where workspace_id = ${ws} and version > ${h.version} and version <= ${version} order by version`,
  );
  let at = h.version;
  for (const link of links) if (Number(link.previous) === at) at = Number(link.version);
  if (at !== version) {
    h.days.clear();
    h.months.clear();
    h.bytes = 0;
  } else
    for (const { days } of links)
      for (const d of days) {
        drop(h.days, h, d);
        drop(h.months, h, monthOf(d));
      }
  h.version = version;
}

/**
 * Lets go of the least recently used workspaces' days until the memory is within its budget,
 * then of `h`'s (the current workspace's) days and months outside the range; false when the
 * range alone does not fit (the workspace's days are let go).
 */
function fit(m: Memory, ws: number, h: Held, days: string[], whole: string[]): boolean {
  let used = 0;
  for (const held of m.held.values()) used += held.bytes;
  for (const [other, held] of m.held) {
    if (used <= m.budget) return true;
    if (other === ws) continue;
    used -= held.bytes;
    m.held.delete(other);
  }
  const range = new Set(days);
  for (const d of [...h.days.keys()]) {
    if (h.bytes <= m.budget) return true;
    if (range.has(d)) continue;
    drop(h.days, h, d);
    drop(h.months, h, monthOf(d));
  }
  const months = new Set(whole);
  for (const month of [...h.months.keys()]) if (h.bytes > m.budget && !months.has(month)) drop(h.months, h, month);
  if (h.bytes <= m.budget) return true;
  m.held.delete(ws);
  return false;
}

/** A report_days row as read: the histograms' arrays as PostgreSQL's text ("{1,2,3}"). */
interface LoadedRow extends Figures {
  day: string;
  dep: string;
  agent: string;
  frb: string | null;
  frn: string | null;
  frs: string | null;
  resb: string | null;
  resn: string | null;
  ress: string | null;
}

/**
 * Reads the report days `days` of a workspace in one statement (by the primary key), each
 * packed. The arrays come as text and are parsed straight into the typed arrays: node-postgres's
 * array parser makes a string and a number per entry (2.5× slower, most of it collecting them).
 */
async function load(deps: AppDeps, ws: number, days: string[]): Promise<Map<string, HeldDay>> {
  const rows = await queryRows<LoadedRow>(
    deps.database.db,
    sql`select day::text as day, department_id::text as dep, agent_id::text as agent, created, closed,
          sla_met as met, sla_breached as breached, sla_running as running, csat_sum, csat_count as csat_n,
          fr_buckets::text as frb, fr_counts::text as frn, fr_sums::text as frs,
          res_buckets::text as resb, res_counts::text as resn, res_sums::text as ress
        from report_days where workspace_id = ${ws} and day = any(${datesSql(days)})
        order by day`,
  );
  const out = new Map<string, HeldDay>();
  for (let i = 0; i < rows.length;) {
    let j = i;
    let entries = 0;
    for (; j < rows.length && rows[j].day === rows[i].day; j++) entries += sizeOf(rows[j].frb) + sizeOf(rows[j].resb);
    out.set(rows[i].day, pack(rows.slice(i, j), entries));
    i = j;
  }
  return out;
}

function pack(rows: LoadedRow[], entries: number): HeldDay {
  const d = newHeldDay(rows.length, entries);
  let e = 0;
  const put = (b: string | null, n: string | null, s: string | null) => {
    const from = e;
    if (b && n && s && sizeOf(b)) {
      wholeNumbers(b, d.b, e);
      wholeNumbers(n, d.n, e);
      e = decimals(s, d.s, e);
    }
    return [from, e];
  };
  rows.forEach((r, i) => {
    const [frStart, frEnd] = put(r.frb, r.frn, r.frs);
    const [resStart, resEnd] = put(r.resb, r.resn, r.ress);
    d.ids[2 * i] = Number(r.dep);
    d.ids[2 * i + 1] = Number(r.agent);
    d.fig.set(
      [r.created, r.closed, r.met, r.breached, r.running, r.csat_sum, r.csat_n, frStart, frEnd, resStart, resEnd],
      i * FIG_COLS,
    );
  });
  return d;
}
