import { sql } from 'drizzle-orm';
import type { TReportGroupRow, TReportOverview, TReportQuery } from '../../../contracts/reports';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { cachedOverview } from './overview-cache';
import { daysOf, reportScope, ticketScope, type ReportScope } from './report-scope';

interface GroupRow {
  id: number;
  name: string | null;
  created: number;
  closed: number;
  fr_median: number | null;
  csat_avg: number | null;
  csat_n: number;
}

interface OverviewRow {
  created: number;
  closed: number;
  fr_median: number | null;
  fr_p90: number | null;
  res_median: number | null;
  res_p90: number | null;
  sla_met: number;
  sla_breached: number;
  sla_running: number;
  csat_avg: number | null;
  csat_n: number;
  by_day: { day: string; created: number; closed: number }[] | null;
  by_agent: GroupRow[] | null;
  by_department: GroupRow[] | null;
}

/** Minutes to one decimal; null stays null. */
const minutes = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
const average = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);

const group = (rows: GroupRow[] | null): TReportGroupRow[] =>
  (rows ?? []).map((r) => ({
    id: String(r.id),
    name: r.name ?? '',
    created: r.created,
    closed: r.closed,
    firstResponseMedian: minutes(r.fr_median),
    csatAverage: average(r.csat_avg),
    csatResponses: r.csat_n,
  }));

/**
 * K4: the overview of a range in one statement. Three sets, each read once through its index:
 * `c` the tickets created in the range (tickets_report_created_idx), `d` those closed in it
 * (tickets_report_closed_idx), `s` the satisfaction answers given in it (csat_surveys_answered_idx,
 * joined to their visible tickets). Every figure, the days and the per-agent and per-department
 * rows are aggregates over those three; percentiles by percentile_cont. Definitions: docs/api.md.
 */
export async function reportOverview({ ctx, input }: { ctx: Ctx; input: TReportQuery }): Promise<TReportOverview> {
  const s = await reportScope(ctx, input);
  return cachedOverview(ctx, s, () => computeOverview(ctx, s));
}

async function computeOverview(ctx: Ctx, s: ReportScope): Promise<TReportOverview> {
  const scope = ticketScope(ctx, s);
  // A survey counts for the agents it names (assigned when the ticket closed), not today's assignees.
  const surveyScope = ticketScope(ctx, { ...s, agentId: undefined });
  const ws = ctx.workspaceId;
  const tz = s.timeZone;
  const frMinutes = sql`(extract(epoch from (first_response_at - created_at)) / 60)::float8`;
  const resMinutes = sql`(extract(epoch from (closed_at - created_at)) / 60)::float8`;
  const agentCsat = s.agentId !== undefined ? sql`and cs.agent_ids @> array[${s.agentId}]::bigint[]` : sql``;
  /** Per agent (each assignee of a ticket; each agent a survey names) or per department. */
  const groupStats = (per: 'agent' | 'department') => {
    const key = (arr: string) => (per === 'agent' ? sql.raw(`unnest(${arr})`) : sql.raw('department_id'));
    const named =
      per === 'agent'
        ? sql`(select coalesce(nullif(u.name, ''), u.username) from users u where u.workspace_id = ${ws} and u.id = g.k)`
        : sql`(select dp.name from departments dp where dp.workspace_id = ${ws} and dp.id = g.k)`;
    const only = per === 'agent' && s.agentId !== undefined ? sql`where g.k = ${s.agentId}` : sql``;
    return sql`(select json_agg(json_build_object('id', g.k, 'name', ${named}, 'created', g.created, 'closed', g.closed,
          'fr_median', g.fr_median, 'csat_avg', g.csat_avg, 'csat_n', g.csat_n) order by g.created desc, g.k)
        from (select k, sum(created)::int as created, sum(closed)::int as closed,
                percentile_cont(0.5) within group (order by fr) as fr_median,
                sum(rating)::float8 / nullif(sum(rated), 0) as csat_avg, sum(rated)::int as csat_n
              from (select ${key('assignee_ids')} as k, 1 as created, 0 as closed, ${frMinutes} as fr, 0 as rating, 0 as rated from c
                    union all select ${key('assignee_ids')}, 0, 1, null, 0, 0 from d
                    union all select ${key('agent_ids')}, 0, 0, null, rating, 1 from s) x
              group by k) g ${only})`;
  };
  const [r] = await queryRows<OverviewRow>(
    ctx.db,
    sql`with c as materialized (
          select id, department_id, assignee_ids, created_at, first_response_at, status, sla_policy_id, sla_breached
          from tickets where ${scope} and created_at >= ${s.start} and created_at < ${s.end}),
        d as materialized (
          select id, department_id, assignee_ids, created_at, closed_at
          from tickets where ${scope} and closed_at is not null and closed_at >= ${s.start} and closed_at < ${s.end}),
        s as materialized (
          select cs.rating, cs.agent_ids, tickets.department_id
          from csat_surveys cs join tickets on tickets.id = cs.ticket_id
          where cs.workspace_id = ${ws} and cs.answered_at is not null and cs.answered_at >= ${s.start}
            and cs.answered_at < ${s.end} and cs.rating is not null and ${surveyScope} ${agentCsat})
      select
        (select count(*) from c)::int as created,
        (select count(*) from d)::int as closed,
        (select percentile_cont(0.5) within group (order by ${frMinutes}) from c where first_response_at is not null) as fr_median,
        (select percentile_cont(0.9) within group (order by ${frMinutes}) from c where first_response_at is not null) as fr_p90,
        (select percentile_cont(0.5) within group (order by ${resMinutes}) from d) as res_median,
        (select percentile_cont(0.9) within group (order by ${resMinutes}) from d) as res_p90,
        (select count(*) from c where sla_policy_id is not null and cardinality(sla_breached) = 0
           and status in ('closed', 'locked'))::int as sla_met,
        (select count(*) from c where sla_policy_id is not null and cardinality(sla_breached) > 0)::int as sla_breached,
        (select count(*) from c where sla_policy_id is not null and cardinality(sla_breached) = 0
           and status in ('active', 'pending'))::int as sla_running,
        (select avg(rating)::float8 from s) as csat_avg,
        (select count(*) from s)::int as csat_n,
        (select json_agg(json_build_object('day', x.day, 'created', x.created, 'closed', x.closed) order by x.day)
           from (select day::text as day, sum(a)::int as created, sum(b)::int as closed
                 from (select (created_at at time zone ${tz})::date as day, 1 as a, 0 as b from c
                       union all select (closed_at at time zone ${tz})::date, 0, 1 from d) y
                 group by day) x) as by_day,
        ${groupStats('agent')} as by_agent,
        ${groupStats('department')} as by_department`,
  );
  const perDay = new Map((r.by_day ?? []).map((d) => [d.day, d]));
  const decided = r.sla_met + r.sla_breached;
  return {
    from: s.from,
    to: s.to,
    timeZone: tz,
    created: r.created,
    closed: r.closed,
    firstResponse: { median: minutes(r.fr_median), p90: minutes(r.fr_p90) },
    resolution: { median: minutes(r.res_median), p90: minutes(r.res_p90) },
    slaAttainment: decided ? Math.round((r.sla_met / decided) * 1000) / 1000 : null,
    sla: { met: r.sla_met, breached: r.sla_breached, running: r.sla_running },
    csat: { average: average(r.csat_avg), responses: r.csat_n },
    byDay: daysOf(s.from, s.to).map((day) => ({
      date: day,
      created: perDay.get(day)?.created ?? 0,
      closed: perDay.get(day)?.closed ?? 0,
    })),
    byAgent: group(r.by_agent),
    byDepartment: group(r.by_department),
  };
}
