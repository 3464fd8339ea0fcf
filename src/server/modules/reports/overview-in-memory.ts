import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { GroupRow, OverviewRow, Pct } from './overview-rows';
import { heldDays, type HeldRange } from './report-day-memory';
import { clear, countAt, gather, sumAt } from './report-day-sums';
import { F, FIG_COLS, type HeldDay } from './report-held-day';
import { wholeMonths } from './report-months';
import { daysOf, type ReportScope } from './report-scope';

interface Group {
  k: number;
  created: number;
  closed: number;
  csat_sum: number;
  csat_n: number;
  /** Its first-response histograms: day index, start, end, … (HeldDay spans). */
  fr: number[];
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
  const held = await heldDays(ctx.deps, ctx.workspaceId, s.timeZone, version, days, wholeMonths(s.from, s.to));
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

/**
 * The figures of a held range (`days` its calendar days, in order): the chart's days from its
 * days, everything else from its units (whole months added up, and the days outside them).
 * Names and the backlog are left empty.
 */
export function addUp(s: ReportScope, days: string[], range: HeldRange): OverviewRow {
  const dep = s.departmentId;
  const one = s.agentId ?? 0;
  const only = s.agentId;
  const byDay: OverviewRow['by_day'] = [];
  range.days.forEach((d, i) => {
    const f = d.fig;
    let created = 0;
    let closed = 0;
    let seen = false;
    for (let r = 0, o = 0; r < d.rows; r++, o += FIG_COLS)
      if (d.ids[2 * r + 1] === one && (dep === undefined || d.ids[2 * r] === dep)) {
        seen = true;
        created += f[o + F.created];
        closed += f[o + F.closed];
      }
    if (seen) byDay.push({ day: days[i], created, closed });
  });
  const totals = { created: 0, closed: 0, met: 0, breached: 0, running: 0, csat_sum: 0, csat_n: 0 };
  const agents = new Map<number, Group>();
  const departments = new Map<number, Group>();
  const fr: number[] = [];
  const res: number[] = [];
  const units = range.units;
  units.forEach((d, i) => {
    const f = d.fig;
    for (let r = 0, o = 0; r < d.rows; r++, o += FIG_COLS) {
      if (dep !== undefined && d.ids[2 * r] !== dep) continue;
      const agent = d.ids[2 * r + 1];
      if (agent === one) {
        totals.created += f[o + F.created];
        totals.closed += f[o + F.closed];
        totals.met += f[o + F.met];
        totals.breached += f[o + F.breached];
        totals.running += f[o + F.running];
        totals.csat_sum += f[o + F.csatSum];
        totals.csat_n += f[o + F.csatN];
        add(departments, d.ids[2 * r], f, o, i);
        fr.push(i, f[o + F.frStart], f[o + F.frEnd]);
        res.push(i, f[o + F.resStart], f[o + F.resEnd]);
      }
      if (only !== undefined ? agent === only : agent !== 0) add(agents, agent, f, o, i);
    }
  });
  const pcts = (groups: Map<number, Group>) => listed([...groups.values()].map((g) => pctOf(g.k, g.fr, units)));
  return {
    totals,
    by_day: byDay,
    fr: listed([pctOf(0, fr, units)]),
    res: listed([pctOf(0, res, units)]),
    by_agent: ordered(agents),
    agent_fr: pcts(agents),
    by_department: ordered(departments),
    department_fr: pcts(departments),
    unlisted: null,
    open_before: 0,
  };
}

function add(groups: Map<number, Group>, k: number, f: Int32Array, o: number, day: number) {
  let g = groups.get(k);
  if (!g) groups.set(k, (g = { k, created: 0, closed: 0, csat_sum: 0, csat_n: 0, fr: [] }));
  g.created += f[o + F.created];
  g.closed += f[o + F.closed];
  g.csat_sum += f[o + F.csatSum];
  g.csat_n += f[o + F.csatN];
  g.fr.push(day, f[o + F.frStart], f[o + F.frEnd]);
}

/** Groups as the statement lists them: most created first, then by id. */
const ordered = (groups: Map<number, Group>): GroupRow[] =>
  [...groups.values()]
    .sort((a, b) => b.created - a.created || a.k - b.k)
    .map((g) => ({ k: g.k, name: null, created: g.created, closed: g.closed, csat_sum: g.csat_sum, csat_n: g.csat_n }));

/** The groups that have values (null when none has: as the statement's json_agg of no rows). */
function listed(pcts: (Pct | null)[]): Pct[] | null {
  const out = pcts.filter((p): p is Pct => p !== null);
  return out.length ? out : null;
}

/**
 * The count of values and the values (bucket means) at the ranks around the median and the
 * 90th percentile: the first bucket whose running total passes floor and ceil of p·(n−1), as
 * the statement's `percentiles` reads them.
 */
function pctOf(k: number, spans: number[], held: HeldDay[]): Pct | null {
  const touched = gather(spans, held);
  if (!touched.length) return null;
  let tot = 0;
  for (const b of touched) tot += countAt(b);
  const ranks = [
    Math.floor(0.5 * (tot - 1)),
    Math.ceil(0.5 * (tot - 1)),
    Math.floor(0.9 * (tot - 1)),
    Math.ceil(0.9 * (tot - 1)),
  ];
  const at: (number | null)[] = [null, null, null, null];
  let cum = 0;
  for (const b of touched) {
    cum += countAt(b);
    const v = sumAt(b) / countAt(b);
    for (let j = 0; j < 4; j++) if (at[j] === null && cum > ranks[j]) at[j] = v;
  }
  clear(touched);
  return { k, n: tot, m_lo: at[0], m_hi: at[1], p_lo: at[2], p_hi: at[3] };
}
