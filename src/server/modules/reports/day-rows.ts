import { sql, type SQL } from 'drizzle-orm';
import { bucketSql } from './report-buckets';

/** The columns of a report day (the report_days table, or the same computed from tickets). */
const COLUMNS =
  'department_id, agent_id, created, closed, sla_met, sla_breached, sla_running, csat_sum, csat_count, fr_buckets, fr_counts, fr_sums, res_buckets, res_counts, res_sums';
export const DAY_COLUMNS = sql.raw(`day, ${COLUMNS}`);
/** report_months' rows in the shape of report_days' (a month under its first day). */
export const MONTH_AS_DAY_COLUMNS = sql.raw(`month as day, ${COLUMNS}`);

export interface DayRowsInput {
  workspaceId: number;
  timeZone: string;
  /** The instants the days begin and end (exclusive): local midnights. */
  start: SQL;
  end: SQL;
  /** Which tickets besides the workspace's undeleted ones (an agent's visibility), against `tickets`. */
  visible?: SQL | null;
}

/**
 * The report days of [start, end) computed from the tickets: for each local day, department and
 * agent (0: each ticket once), the tickets created that day (with their SLA outcome and first
 * response time), closed that day (resolution time) and the surveys answered that day. An agent
 * row counts the tickets assigned to them now and the surveys naming them (those assigned when
 * the ticket closed). Each set is read once by its range index (tickets_report_created_idx,
 * tickets_report_closed_idx, csat_surveys_answered_idx).
 */
export function dayRowsSql(p: DayRowsInput): SQL {
  const ws = p.workspaceId;
  const tz = p.timeZone;
  const scope = sql.join(
    [sql`tickets.workspace_id = ${ws}`, sql`tickets.deleted_at is null`, ...(p.visible ? [p.visible] : [])],
    sql` and `,
  );
  const agents = (ids: SQL) => sql`cross join lateral (select 0::bigint union all select unnest(${ids})) a(k)`;
  const frSeconds = sql`extract(epoch from (c.first_response_at - c.created_at))::float8`;
  const resSeconds = sql`extract(epoch from (d.closed_at - d.created_at))::float8`;
  const histogram = (col: 'fr' | 'res') =>
    sql`select day, dep, k, array_agg(b order by b) as bs, array_agg(n order by b) as ns, array_agg(total order by b) as ss
        from (select day, dep, k, ${sql.raw(col)}b as b, count(*)::int as n, sum(${sql.raw(col)}s) as total from f
              where ${sql.raw(col)}b is not null group by 1, 2, 3, 4) h
        group by 1, 2, 3`;
  return sql`with c as (
        select department_id, assignee_ids, created_at, first_response_at, status, sla_policy_id, sla_breached
        from tickets where ${scope} and created_at >= ${p.start} and created_at < ${p.end}),
      d as (
        select department_id, assignee_ids, created_at, closed_at
        from tickets where ${scope} and closed_at is not null and closed_at >= ${p.start} and closed_at < ${p.end}),
      s as (
        select cs.rating, cs.agent_ids, cs.answered_at, tickets.department_id
        from csat_surveys cs join tickets on tickets.id = cs.ticket_id
        where cs.workspace_id = ${ws} and cs.answered_at is not null and cs.answered_at >= ${p.start}
          and cs.answered_at < ${p.end} and cs.rating is not null and ${scope}),
      f as (
        select (c.created_at at time zone ${tz})::date as day, c.department_id as dep, a.k, 1 as created, 0 as closed,
          (c.sla_policy_id is not null and cardinality(c.sla_breached) = 0 and c.status in ('closed', 'locked'))::int as met,
          (c.sla_policy_id is not null and cardinality(c.sla_breached) > 0)::int as breached,
          (c.sla_policy_id is not null and cardinality(c.sla_breached) = 0 and c.status in ('active', 'pending'))::int as running,
          0 as rating, 0 as rated, ${bucketSql(frSeconds)} as frb, ${frSeconds} as frs,
          null::smallint as resb, null::float8 as ress
        from c ${agents(sql`c.assignee_ids`)}
        union all
        select (d.closed_at at time zone ${tz})::date, d.department_id, a.k, 0, 1, 0, 0, 0, 0, 0, null, null,
          ${bucketSql(resSeconds)}, ${resSeconds}
        from d ${agents(sql`d.assignee_ids`)}
        union all
        select (s.answered_at at time zone ${tz})::date, s.department_id, a.k, 0, 0, 0, 0, 0, s.rating, 1, null, null, null, null
        from s ${agents(sql`s.agent_ids`)}),
      t as (
        select day, dep, k, sum(created)::int as created, sum(closed)::int as closed, sum(met)::int as met,
          sum(breached)::int as breached, sum(running)::int as running, sum(rating)::int as rating, sum(rated)::int as rated
        from f group by day, dep, k),
      hf as (${histogram('fr')}),
      hr as (${histogram('res')})
    select t.day, t.dep as department_id, t.k as agent_id, t.created, t.closed, t.met as sla_met,
      t.breached as sla_breached, t.running as sla_running, t.rating as csat_sum, t.rated as csat_count,
      hf.bs as fr_buckets, hf.ns as fr_counts, hf.ss as fr_sums, hr.bs as res_buckets, hr.ns as res_counts, hr.ss as res_sums
    from t left join hf using (day, dep, k) left join hr using (day, dep, k)`;
}
