import { sql, type SQL } from 'drizzle-orm';
import type { TReportGroupRow, TReportOverview, TReportQuery } from '../../../contracts/reports';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { dayIn, seesAllDepartments, visibleTo } from '../tickets';
import { dayRowsSql } from './day-rows';
import { cachedOverview, type OverviewResult } from './overview-cache';
import { overviewInMemory } from './overview-in-memory';
import { reportDaysReady } from './report-days';
import { monthOf, rowsOfRange, sendMonths, unlistedSql } from './report-months';
import { percentileFrom } from './report-buckets';
import type { GroupRow, OverviewRow, Pct } from './overview-rows';
import { daysOf, reportScope, ticketScope, type ReportScope } from './report-scope';

/** Seconds to minutes with one decimal; null stays null. */
const minutes = (v: number | null) => (v === null ? null : Math.round((v / 60) * 10) / 10);
const average = (sum: number, n: number) => (n ? Math.round((sum / n) * 100) / 100 : null);
const median = (p: Pct | undefined) => minutes(p ? percentileFrom(p.n, 0.5, p.m_lo, p.m_hi) : null);
const p90 = (p: Pct | undefined) => minutes(p ? percentileFrom(p.n, 0.9, p.p_lo, p.p_hi) : null);

/**
 * The histogram (k, b, n, total) of the columns `col` (fr or res) of the rows `rel`, per group
 * `key`: the days' buckets added up.
 */
function histogram(rel: string, key: string, col: 'fr' | 'res'): SQL {
  const c = (name: string) => sql.raw(`${rel}.${col}_${name}`);
  return sql`select ${sql.raw(key)} as k, u.b, sum(u.n)::int as n, sum(u.s) as total
    from ${sql.raw(rel)}, unnest(${c('buckets')}, ${c('counts')}, ${c('sums')}) as u(b, n, s) group by 1, 2`;
}

/**
 * Per group k of the histogram `hist` (k, b, n, total), the count of values and the values at
 * the ranks around the median and the 90th percentile (their buckets' means), read by a running
 * total.
 */
function percentiles(hist: SQL): SQL {
  const at = (p: number, edge: 'floor' | 'ceil') =>
    sql.raw(`min(v) filter (where cum > ${edge}(${p}::float8 * (tot - 1)))`);
  return sql`(select json_agg(json_build_object('k', k, 'n', n, 'm_lo', m_lo, 'm_hi', m_hi, 'p_lo', p_lo, 'p_hi', p_hi))
    from (select k, max(tot)::int as n, ${at(0.5, 'floor')} as m_lo, ${at(0.5, 'ceil')} as m_hi,
            ${at(0.9, 'floor')} as p_lo, ${at(0.9, 'ceil')} as p_hi
          from (select k, total / n as v, sum(n) over (partition by k order by b) as cum, sum(n) over (partition by k) as tot
                from (${hist}) h) w
          group by k) q)`;
}

/** Counts per group of the rows `rel`, with the group's name. */
function groups(ctx: Ctx, rel: string, per: 'agent' | 'department'): SQL {
  const ws = ctx.workspaceId;
  const key = per === 'agent' ? 'agent_id' : 'department_id';
  const named =
    per === 'agent'
      ? sql`(select coalesce(nullif(u.name, ''), u.username) from users u where u.workspace_id = ${ws} and u.id = g.k)`
      : sql`(select dp.name from departments dp where dp.workspace_id = ${ws} and dp.id = g.k)`;
  return sql`(select json_agg(json_build_object('k', g.k, 'name', ${named}, 'created', g.created, 'closed', g.closed,
        'csat_sum', g.csat_sum, 'csat_n', g.csat_n) order by g.created desc, g.k)
      from (select ${sql.raw(key)} as k, sum(created)::int as created, sum(closed)::int as closed,
              sum(csat_sum)::int as csat_sum, sum(csat_count)::int as csat_n
            from ${sql.raw(rel)} group by 1) g)`;
}

/**
 * K4: the overview of a range, added up from report days — the stored ones (report_days, brought
 * up to date first: usually today is recounted) when the caller sees every department, or the
 * same days counted from the tickets the caller may see (an agent limited to its departments,
 * or while a large workspace's days are first built). Either way one statement; the stored way
 * reads days × departments × agents rows, not tickets. Percentiles within 1% (report-buckets.ts).
 */
export async function reportOverview({ ctx, input }: { ctx: Ctx; input: TReportQuery }): Promise<OverviewResult> {
  const s = await reportScope(ctx, input);
  const all = seesAllDepartments(s.actor);
  const ready = all ? await reportDaysReady(ctx, s.timeZone) : null;
  if (ready !== null)
    return cachedOverview(ctx.deps, ctx.workspaceId, ready, s, async () => {
      // Open at the start: created before it less closed before it (closed_at ≥ created_at), by days.
      const openBefore = sql`(select coalesce(sum(created) - sum(closed), 0)::int from report_days
        where workspace_id = ${ctx.workspaceId} and day < ${s.from}::date and agent_id = ${s.agentId ?? 0}
        ${s.departmentId !== undefined ? sql`and department_id = ${s.departmentId}` : sql``})`;
      const inMemory = await overviewInMemory(ctx, s, ready, openBefore);
      if (inMemory) return shape(s, inMemory);
      const range = rowsOfRange(ctx.workspaceId, s.from, s.to);
      const whole = range.wholeMonths;
      // The chart's days are read from the days even where their month is read as a whole.
      const days = whole.length
        ? sql`select day, department_id, created, closed from report_days where workspace_id = ${ctx.workspaceId}
            and day >= ${s.from}::date and day <= ${s.to}::date and agent_id = ${s.agentId ?? 0}`
        : null;
      const over = whole.filter((m) => m < monthOf(dayIn(ctx.deps.clock.now(), s.timeZone)));
      const unlisted = over.length ? unlistedSql(ctx.workspaceId, over) : null;
      const r = await overviewOf(ctx, s, range.rows, true, openBefore, days, unlisted);
      if (r.unlisted?.length) askForMonths(ctx, r.unlisted);
      return shape(s, r);
    });
  // Counted from the tickets: an agent limited to some departments, or days not built yet.
  const source = dayRowsSql({
    workspaceId: ctx.workspaceId,
    timeZone: s.timeZone,
    start: s.start,
    end: s.end,
    visible: all ? null : visibleTo(s.actor),
  });
  const openBefore = sql`(select count(*)::int from tickets where ${ticketScope(ctx, s)}
    and created_at < ${s.start} and (closed_at is null or closed_at >= ${s.start}))`;
  const r = await overviewOf(ctx, s, source, false, openBefore);
  return { value: shape(s, r), body: {} };
}

/**
 * Whole months of the range that are over but not added up yet are asked for (the job adds them
 * up; this overview read their days). Never fails the overview: the days answer either way.
 */
function askForMonths(ctx: Ctx, months: string[]) {
  sendMonths(ctx.deps, ctx.workspaceId, months).catch((err: unknown) =>
    ctx.deps.log.warn({ err }, 'report months not asked for'),
  );
}

/**
 * The overview's figures in one statement. `stored`: the source is report_days, read twice
 * (every ticket once; per agent) with only the columns each part needs; otherwise it is counted
 * from the tickets once and kept. work_mem is raised for the statement: a year's per-agent
 * histograms (~570,000 entries at 1M tickets) otherwise spill their sort to disk (+25%).
 */
async function overviewOf(
  ctx: Ctx,
  s: ReportScope,
  source: SQL,
  stored: boolean,
  openBefore: SQL,
  days: SQL | null = null,
  unlisted: SQL | null = null,
): Promise<OverviewRow> {
  const department = s.departmentId !== undefined ? sql`where department_id = ${s.departmentId}` : sql``;
  const perDay = days ? sql`(select * from (${days}) d0 ${department})` : sql`base`;
  // Every ticket once (agent 0), or once for the chosen agent; per agent, each agent's rows.
  const one = s.agentId ?? 0;
  const perAgent = s.agentId !== undefined ? sql`agent_id = ${s.agentId}` : sql`agent_id <> 0`;
  const [r] = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    return queryRows<OverviewRow>(
      tx,
      sql`with r as ${sql.raw(stored ? 'not materialized' : 'materialized')} (select * from (${source}) r0 ${department}),
        base as materialized (select * from r where agent_id = ${one}),
        agents as materialized (select agent_id, created, closed, csat_sum, csat_count, fr_buckets, fr_counts, fr_sums
          from r where ${perAgent}),
        department_fr as materialized (${histogram('base', 'department_id', 'fr')})
      select
        (select json_build_object('created', coalesce(sum(created), 0), 'closed', coalesce(sum(closed), 0),
           'met', coalesce(sum(sla_met), 0), 'breached', coalesce(sum(sla_breached), 0),
           'running', coalesce(sum(sla_running), 0), 'csat_sum', coalesce(sum(csat_sum), 0),
           'csat_n', coalesce(sum(csat_count), 0)) from base) as totals,
        (select json_agg(json_build_object('day', x.day, 'created', x.created, 'closed', x.closed))
           from (select day::text as day, sum(created)::int as created, sum(closed)::int as closed
                 from ${perDay} d group by day) x) as by_day,
        ${percentiles(sql`select 0 as k, b, sum(n)::int as n, sum(total) as total from department_fr group by b`)} as fr,
        ${percentiles(histogram('base', '0', 'res'))} as res,
        ${groups(ctx, 'agents', 'agent')} as by_agent,
        ${percentiles(histogram('agents', 'agent_id', 'fr'))} as agent_fr,
        ${groups(ctx, 'base', 'department')} as by_department,
        ${percentiles(sql`select * from department_fr`)} as department_fr,
        ${unlisted ?? sql`null::text[]`} as unlisted,
        ${openBefore} as open_before`,
    );
  });
  return r;
}

function shape(s: ReportScope, r: OverviewRow): TReportOverview {
  const t = r.totals;
  const perDay = new Map((r.by_day ?? []).map((d) => [d.day, d]));
  const byKey = (rows: Pct[] | null) => new Map((rows ?? []).map((p) => [Number(p.k), p]));
  const group = (rows: GroupRow[] | null, fr: Map<number, Pct>): TReportGroupRow[] =>
    (rows ?? [])
      .filter((g) => g.created || g.closed || g.csat_n)
      .map((g) => ({
        id: String(g.k),
        name: g.name ?? '',
        created: g.created,
        closed: g.closed,
        firstResponseMedian: median(fr.get(Number(g.k))),
        csatAverage: average(g.csat_sum, g.csat_n),
        csatResponses: g.csat_n,
      }));
  const fr = r.fr?.[0];
  const res = r.res?.[0];
  let open = r.open_before;
  const byDay = daysOf(s.from, s.to).map((day) => {
    const created = perDay.get(day)?.created ?? 0;
    const closed = perDay.get(day)?.closed ?? 0;
    open += created - closed;
    return { date: day, created, closed, open };
  });
  const decided = t.met + t.breached;
  return {
    from: s.from,
    to: s.to,
    timeZone: s.timeZone,
    created: t.created,
    closed: t.closed,
    firstResponse: { median: median(fr), p90: p90(fr) },
    resolution: { median: median(res), p90: p90(res) },
    slaAttainment: decided ? Math.round((t.met / decided) * 1000) / 1000 : null,
    sla: { met: t.met, breached: t.breached, running: t.running },
    csat: { average: average(t.csat_sum, t.csat_n), responses: t.csat_n },
    backlog: { start: r.open_before, end: byDay.at(-1)?.open ?? r.open_before },
    byDay,
    byAgent: group(r.by_agent, byKey(r.agent_fr)),
    byDepartment: group(r.by_department, byKey(r.department_fr)),
  };
}
