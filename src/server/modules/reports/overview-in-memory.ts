import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { GroupRow, OverviewRow, Pct } from './overview-rows';
import { heldDays, type DayRow, type Hist } from './report-day-memory';
import { daysOf, type ReportScope } from './report-scope';

interface Group {
  k: number;
  created: number;
  closed: number;
  csat_sum: number;
  csat_n: number;
  fr: Hist[];
}

/**
 * The overview's figures added up in this process from the report days it holds
 * (report-day-memory.ts) — the same figures, by the same rules, as the statement in overview.ts
 * reads from report_days: every ticket once from the rows of agent 0 (or of the chosen agent),
 * per agent from the agents' rows; percentiles by the running total over the merged buckets.
 * The names and the backlog before the range come from one small statement. Null when the
 * days are not held (the caller reads PostgreSQL).
 */
export async function overviewInMemory(
  ctx: Ctx,
  s: ReportScope,
  version: number,
  openBefore: SQL,
): Promise<OverviewRow | null> {
  const days = daysOf(s.from, s.to);
  const held = await heldDays(ctx.deps, ctx.workspaceId, s.timeZone, version, days);
  if (!held) return null;
  const r = addUp(s, days, held);
  const ws = ctx.workspaceId;
  const ids = (groups: GroupRow[] | null) => `{${(groups ?? []).map((g) => g.k).join(',')}}`;
  const [named] = await queryRows<{
    agents: Record<string, string> | null;
    departments: Record<string, string> | null;
    open_before: number;
  }>(
    ctx.deps.database.db,
    sql`select
        (select json_object_agg(u.id, coalesce(nullif(u.name, ''), u.username)) from users u
          where u.workspace_id = ${ws} and u.id = any(${ids(r.by_agent)}::bigint[])) as agents,
        (select json_object_agg(dp.id, dp.name) from departments dp
          where dp.workspace_id = ${ws} and dp.id = any(${ids(r.by_department)}::bigint[])) as departments,
        ${openBefore} as open_before`,
  );
  for (const g of r.by_agent ?? []) g.name = named.agents?.[g.k] ?? null;
  for (const g of r.by_department ?? []) g.name = named.departments?.[g.k] ?? null;
  r.open_before = named.open_before;
  return r;
}

/** The figures of `rows` (each day's rows, in the order of `days`), names and backlog left empty. */
export function addUp(s: ReportScope, days: string[], rows: DayRow[][]): OverviewRow {
  const dep = s.departmentId;
  const one = s.agentId ?? 0;
  const perAgent = s.agentId !== undefined ? (a: number) => a === s.agentId : (a: number) => a !== 0;
  const totals = { created: 0, closed: 0, met: 0, breached: 0, running: 0, csat_sum: 0, csat_n: 0 };
  const byDay: OverviewRow['by_day'] = [];
  const agents = new Map<number, Group>();
  const departments = new Map<number, Group>();
  const fr: Hist[] = [];
  const res: Hist[] = [];
  days.forEach((day, i) => {
    let created = 0;
    let closed = 0;
    let seen = false;
    for (const r of rows[i]) {
      if (dep !== undefined && r.dep !== dep) continue;
      if (r.agent === one) {
        seen = true;
        created += r.created;
        closed += r.closed;
        totals.met += r.met;
        totals.breached += r.breached;
        totals.running += r.running;
        totals.csat_sum += r.csatSum;
        totals.csat_n += r.csatN;
        add(departments, r.dep, r);
        if (r.fr) fr.push(r.fr);
        if (r.res) res.push(r.res);
      }
      if (perAgent(r.agent)) add(agents, r.agent, r);
    }
    totals.created += created;
    totals.closed += closed;
    if (seen) byDay.push({ day, created, closed });
  });
  return {
    totals,
    by_day: byDay,
    fr: pcts([[0, fr]]),
    res: pcts([[0, res]]),
    by_agent: ordered(agents),
    agent_fr: pcts([...agents].map(([k, g]) => [k, g.fr])),
    by_department: ordered(departments),
    department_fr: pcts([...departments].map(([k, g]) => [k, g.fr])),
    unlisted: null,
    open_before: 0,
  };
}

function add(groups: Map<number, Group>, k: number, r: DayRow) {
  let g = groups.get(k);
  if (!g) groups.set(k, (g = { k, created: 0, closed: 0, csat_sum: 0, csat_n: 0, fr: [] }));
  g.created += r.created;
  g.closed += r.closed;
  g.csat_sum += r.csatSum;
  g.csat_n += r.csatN;
  if (r.fr) g.fr.push(r.fr);
}

/** Groups as the statement lists them: most created first, then by id. */
const ordered = (groups: Map<number, Group>): GroupRow[] =>
  [...groups.values()]
    .sort((a, b) => b.created - a.created || a.k - b.k)
    .map((g) => ({ k: g.k, name: null, created: g.created, closed: g.closed, csat_sum: g.csat_sum, csat_n: g.csat_n }));

/** Buckets are smallints: counts and sums per bucket are added up here, then read in order. */
const counts = new Float64Array(32_768);
const sums = new Float64Array(32_768);

/** Per group with values, the percentile inputs of its merged histograms (null when none has any). */
function pcts(groups: [number, Hist[]][]): Pct[] | null {
  const out: Pct[] = [];
  for (const [k, hists] of groups) {
    const p = pctOf(k, hists);
    if (p) out.push(p);
  }
  return out.length ? out : null;
}

/**
 * The count of values and the values (bucket means) at the ranks around the median and the
 * 90th percentile: the first bucket whose running total passes floor and ceil of p·(n−1), as
 * the statement's `percentiles` reads them.
 */
function pctOf(k: number, hists: Hist[]): Pct | null {
  const touched: number[] = [];
  for (const h of hists)
    for (let i = 0; i < h.b.length; i++) {
      const b = h.b[i];
      if (counts[b] === 0) touched.push(b);
      counts[b] += h.n[i];
      sums[b] += h.s[i];
    }
  if (!touched.length) return null;
  touched.sort((a, b) => a - b);
  let tot = 0;
  for (const b of touched) tot += counts[b];
  const ranks = [
    Math.floor(0.5 * (tot - 1)),
    Math.ceil(0.5 * (tot - 1)),
    Math.floor(0.9 * (tot - 1)),
    Math.ceil(0.9 * (tot - 1)),
  ];
  const at: (number | null)[] = [null, null, null, null];
  let cum = 0;
  for (const b of touched) {
    cum += counts[b];
    const v = sums[b] / counts[b];
    for (let j = 0; j < 4; j++) if (at[j] === null && cum > ranks[j]) at[j] = v;
    counts[b] = 0;
    sums[b] = 0;
  }
  return { k, n: tot, m_lo: at[0], m_hi: at[1], p_lo: at[2], p_hi: at[3] };
}
