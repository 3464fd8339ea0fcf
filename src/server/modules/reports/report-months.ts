import { sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows, type Executor } from '../../platform/db/database';
import { addDays, dayIn } from '../tickets';
import { DAY_COLUMNS, MONTH_AS_DAY_COLUMNS } from './day-rows';
import { lockReports } from './report-lock';

/**
 * Whole past months of report days, added up (report_months). A year's overview reads ~3,600
 * month rows (~610,000 histogram entries at a million tickets) instead of ~100,000 day rows
 * (~1,540,000 entries): the per-agent histograms do not shrink much (an agent answers a few
 * tickets a day, each in a bucket of its own), the departments' and the totals' four times.
 * Months are built by the `reports.months` job, never in a request; a refresh that recounts a
 * day takes its month off `report_state.months_built`, and until the job builds it again the
 * overview reads that month's days — always exact, sometimes slower.
 */
export const REPORT_MONTHS_QUEUE = 'reports.months';
export interface ReportMonthsJob {
  workspaceId: number;
  /** First days of the months to add up (those already built or not over yet are skipped). */
  months: string[];
}

/** The first day of `day`'s month. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
/** The first day of the month after `month`'s. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The months lying wholly within `from`..`to` (both included), as their first days. */
export function wholeMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let m = from.endsWith('-01') ? from : nextMonth(monthOf(from));
  while (addDays(nextMonth(m), -1) <= to) {
    out.push(m);
    m = nextMonth(m);
  }
  return out;
}

/**
 * The rows of `from`..`to` with report_days' columns (a month's row under its first day): the
 * days outside whole months; for each whole month, its report_months rows when it is listed in
 * months_built, otherwise its days. Which months are listed is read by the same statement (one
 * snapshot): a refresh that takes a month off — deleting its rows, under the lock — between an
 * overview's reads can never leave that month out.
 */
export function rowsOfRange(ws: number, from: string, to: string): { rows: SQL; wholeMonths: string[] } {
  const whole = wholeMonths(from, to);
  const dayRun = (a: string, b: string) =>
    sql`select ${DAY_COLUMNS} from report_days where workspace_id = ${ws} and day >= ${a}::date and day <= ${b}::date`;
  if (!whole.length) return { rows: dayRun(from, to), wholeMonths: [] };
  const months = datesSql(whole);
  const parts: SQL[] = [];
  if (from < whole[0]) parts.push(dayRun(from, addDays(whole[0], -1)));
  const after = nextMonth(whole.at(-1)!);
  if (after <= to) parts.push(dayRun(after, to));
  parts.push(
    sql`select ${MONTH_AS_DAY_COLUMNS} from report_months where workspace_id = ${ws} and month = any(${months})
      and month = any(${listedSql(ws)})`,
    sql`select ${DAY_COLUMNS} from unnest(${months}) w(m) join report_days on workspace_id = ${ws}
      and day >= w.m and day < (w.m + interval '1 month')::date
      where w.m <> all(${listedSql(ws)})`,
  );
  return { rows: sql.join(parts, sql` union all `), wholeMonths: whole };
}

/** Calendar days (YYYY-MM-DD) as one date[] parameter. */
export const datesSql = (days: string[]) => sql`${`{${days.join(',')}}`}::date[]`;

/** Those of `months` the workspace has not added up, as text[] (null when none), for the overview's statement. */
export const unlistedSql = (ws: number, months: string[]) =>
  sql`(select array_agg(m::text) from unnest(${datesSql(months)}) m where m <> all(${listedSql(ws)}))`;

/** The months a workspace has added up, as the statement that reads this sees them. */
export const listedSql = (ws: number) =>
  sql`coalesce((select months_built from report_state where workspace_id = ${ws}), '{}')`;

/** Per department and agent of the days `rel`, one histogram (bucket arrays in order) of `col`. */
const merged = (col: 'fr' | 'res') => {
  const c = (name: string) => sql.raw(`d.${col}_${name}`);
  return sql`select department_id, agent_id, array_agg(b order by b) as bs, array_agg(n order by b) as ns,
      array_agg(s order by b) as ss
    from (select d.department_id, d.agent_id, u.b, sum(u.n)::int as n, sum(u.s) as s
          from d, unnest(${c('buckets')}, ${c('counts')}, ${c('sums')}) as u(b, n, s) group by 1, 2, 3) x
    group by 1, 2`;
};

/** Adds up one month of a workspace's days into report_months, inside the caller's transaction. */
async function buildMonth(db: Executor, ws: number, month: string) {
  await queryRows(db, sql`delete from report_months where workspace_id = ${ws} and month = ${month}::date`);
  await queryRows(
    db,
    sql`insert into report_months (workspace_id, month, department_id, agent_id, created, closed, sla_met,
          sla_breached, sla_running, csat_sum, csat_count, fr_buckets, fr_counts, fr_sums, res_buckets, res_counts, res_sums)
        with d as materialized (select * from report_days where workspace_id = ${ws}
               and day >= ${month}::date and day < ${nextMonth(month)}::date),
          g as (select department_id, agent_id, sum(created)::int as created, sum(closed)::int as closed,
                  sum(sla_met)::int as sla_met, sum(sla_breached)::int as sla_breached,
                  sum(sla_running)::int as sla_running, sum(csat_sum)::int as csat_sum,
                  sum(csat_count)::int as csat_count
                from d group by 1, 2),
          hf as (${merged('fr')}),
          hr as (${merged('res')})
        select ${ws}, ${month}::date, g.department_id, g.agent_id, g.created, g.closed, g.sla_met, g.sla_breached,
          g.sla_running, g.csat_sum, g.csat_count, hf.bs, hf.ns, hf.ss, hr.bs, hr.ns, hr.ss
        from g left join hf using (department_id, agent_id) left join hr using (department_id, agent_id)`,
  );
}

/**
 * The `reports.months` job: adds up every month that is over (before the current month in the
 * days' zone) and not built yet — those of `months` (an overview's, even before the workspace's
 * first day: they are listed, empty) and every one from the first report day on — newest first,
 * one month per transaction under the workspace's report lock, so no refresh recounts one of its
 * days meanwhile, listing it in months_built in the same transaction. So one run, whoever asked,
 * brings every month back that refreshes took off. Stops when the days are not built (a build
 * under way lists none; overviews ask again once it is done).
 */
export async function buildReportMonths(deps: AppDeps, ws: number, months: string[]): Promise<number> {
  const db = deps.database.db;
  const [span] = await queryRows<{ time_zone: string; first: string | null }>(
    db,
    sql`select time_zone, (select min(day)::text from report_days where workspace_id = ${ws}) as first
        from report_state where workspace_id = ${ws}`,
  );
  if (!span) return 0;
  const current = monthOf(dayIn(deps.clock.now(), span.time_zone));
  const wanted = new Set(months.map(monthOf));
  if (span.first) for (let m = monthOf(span.first); m < current; m = nextMonth(m)) wanted.add(m);
  let built = 0;
  for (const month of [...wanted]
    .filter((m) => m < current)
    .sort()
    .reverse()) {
    const stop = await db.transaction(async (tx) => {
      await lockReports(tx, ws);
      const [state] = await queryRows<{ time_zone: string; built: boolean; months: string[] }>(
        tx,
        sql`select time_zone, built_at is not null as built, months_built::text[] as months
            from report_state where workspace_id = ${ws}`,
      );
      if (!state?.built || state.time_zone !== span.time_zone) return true;
      if (state.months.includes(month)) return false;
      await buildMonth(tx, ws, month);
      await queryRows(
        tx,
        sql`update report_state set months_built = array_append(months_built, ${month}::date) where workspace_id = ${ws}`,
      );
      built++;
      return false;
    });
    if (stop) break;
  }
  return built;
}

/**
 * Takes the months of `days` off the workspace's list and deletes their rows, inside the
 * refresh's transaction (under the lock): their days were just recounted.
 */
export async function dropMonths(db: Executor, ws: number, days: string[]): Promise<void> {
  const months = [...new Set(days.map(monthOf))];
  if (!months.length) return;
  const list = datesSql(months);
  await queryRows(
    db,
    sql`with gone as (delete from report_months where workspace_id = ${ws} and month = any(${list}))
        update report_state set months_built = array(select m from unnest(months_built) m where m <> all(${list}))
        where workspace_id = ${ws} and months_built && ${list}`,
  );
}

/**
 * Asks for `months` of a workspace to be added up; at most one such job a minute per workspace
 * (an overview asking meanwhile is answered from the days, and asks again after the minute).
 */
export const sendMonths = (deps: AppDeps, ws: number, months: string[]) =>
  deps.jobs.send<ReportMonthsJob>(
    REPORT_MONTHS_QUEUE,
    { workspaceId: ws, months },
    { singletonKey: `reports.months:${ws}`, singletonSeconds: 60 },
  );
