import { sql } from 'drizzle-orm';
import type { AppDeps, Ctx } from '../../platform/context';
import { queryRows, type Executor } from '../../platform/db/database';
import { addDays } from '../tickets';
import { DAY_COLUMNS, dayRowsSql } from './day-rows';
import { REPORT_LOCK_CLASS, lockReports } from './report-lock';
import { datesSql, dropMonths } from './report-months';

/** A workspace this small is built in the request that first asks (well under a second). */
export const BUILD_INLINE_MAX_TICKETS = 20_000;
/** A build recounts this many days per transaction. */
const BUILD_CHUNK_DAYS = 31;
export const REPORT_BUILD_QUEUE = 'reports.build';
export const REPORT_REFRESH_QUEUE = 'reports.refresh';
export interface ReportBuildJob {
  workspaceId: number;
  timeZone: string;
}

const midnight = (day: string, tz: string) => sql`((${day}::date)::timestamp at time zone ${tz})`;

/** Recounts the days `from`..`to` (both included) of a workspace, inside the caller's transaction. */
async function recount(db: Executor, ws: number, tz: string, from: string, to: string) {
  await queryRows(
    db,
    sql`delete from report_days where workspace_id = ${ws} and day >= ${from}::date and day <= ${to}::date`,
  );
  const rows = dayRowsSql({
    workspaceId: ws,
    timeZone: tz,
    start: midnight(from, tz),
    end: midnight(addDays(to, 1), tz),
  });
  await queryRows(
    db,
    sql`insert into report_days (workspace_id, ${DAY_COLUMNS}) select ${ws}, ${DAY_COLUMNS} from (${rows}) r`,
  );
}

/** Consecutive days as runs [from, to]: a refresh recounts each run by one range read. */
export function runsOf(days: string[]): [string, string][] {
  const runs: [string, string][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** Days one refresh transaction recounts at most: a statement each run, ~1 s at a million tickets. */
export const REFRESH_CHUNK_DAYS = 31;

export interface Refreshed {
  /** Days recounted by this call. */
  recounted: number;
  /** Marked days left for another call (more than a chunk was marked). */
  more: boolean;
}

/**
 * Brings a built workspace's days up to date, a chunk at a time: takes the minutes report_dirty
 * holds (written by the triggers since the last refresh) on the first REFRESH_CHUNK_DAYS local
 * days they fall on, and recounts those days — usually today alone. One transaction under the
 * workspace's lock: a second refresh waits, then finds nothing left — or, with `skipIfBusy` (an
 * overview), does not wait and leaves the marks to the refresh under way and the next one, so
 * that under a stream of changes one overview at a time recounts and the others read the days
 * as they are. With `withinOneChunk` (an overview) a longer backlog — a job that closed old
 * tickets across two years — is not touched: the reports.refresh job works it off, chunk by
 * chunk, and overviews read the days as they are meanwhile. Writers never wait (no unique key).
 */
export async function refreshReportDays(
  deps: AppDeps,
  ws: number,
  tz: string,
  opts: { skipIfBusy?: boolean; withinOneChunk?: boolean } = {},
): Promise<Refreshed> {
  return deps.database.db.transaction(async (tx) => {
    if (opts.skipIfBusy) {
      const [got] = await queryRows<{ ok: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${REPORT_LOCK_CLASS}, ${ws}::int) as ok`,
      );
      if (!got.ok) return { recounted: 0, more: false };
    } else await lockReports(tx, ws);
    const marked = await queryRows<{ day: string }>(
      tx,
      sql`select distinct (at at time zone ${tz})::date::text as day from report_dirty
          where workspace_id = ${ws} order by 1 limit ${REFRESH_CHUNK_DAYS + 1}`,
    );
    const more = marked.length > REFRESH_CHUNK_DAYS;
    if (!marked.length || (more && opts.withinOneChunk)) return { recounted: 0, more };
    const days = marked.slice(0, REFRESH_CHUNK_DAYS).map((d) => d.day);
    // Every mark on those days (and none after): they are the first days marked.
    await queryRows(
      tx,
      sql`delete from report_dirty where workspace_id = ${ws} and at < ${midnight(addDays(days.at(-1)!, 1), tz)}`,
    );
    for (const [from, to] of runsOf(days)) await recount(tx, ws, tz, from, to);
    await dropMonths(tx, ws, days);
    await raiseVersion(tx, ws, days);
    return { recounted: days.length, more };
  });
}

/** Recounts a workspace keeps listed (report_recounts): a process further behind forgets every day. */
export const RECOUNTS_KEPT = 1000;

/**
 * Raises the days' version (from the report_versions sequence: it never goes back) and lists
 * the days recounted under it with the version before, for the processes that hold days in
 * memory (report-day-memory.ts); entries beyond the last RECOUNTS_KEPT go.
 */
async function raiseVersion(tx: Executor, ws: number, days: string[]): Promise<void> {
  await queryRows(
    tx,
    sql`with old as (select version from report_state where workspace_id = ${ws} for update),
          v as (update report_state s set version = nextval('report_versions') from old
                where s.workspace_id = ${ws} returning s.version, old.version as previous),
          gone as (delete from report_recounts where workspace_id = ${ws} and version <= (
            select version from report_recounts where workspace_id = ${ws}
            order by version desc offset ${RECOUNTS_KEPT - 1} limit 1))
        insert into report_recounts (workspace_id, version, previous, days)
        select ${ws}, version, previous, ${datesSql(days)} from v`,
  );
}

/** Refreshes chunk after chunk until nothing is marked or `budgetMs` is spent; whether marks remain. */
export async function refreshAll(deps: AppDeps, ws: number, tz: string, budgetMs: number): Promise<boolean> {
  const started = performance.now();
  for (;;) {
    const r = await refreshReportDays(deps, ws, tz);
    if (!r.more) return false;
    if (performance.now() - started > budgetMs) return true;
  }
}

/**
 * Counts a workspace's days from scratch in `tz`: every local day from its first ticket to its
 * last change, a month per transaction (a large workspace never holds one long transaction),
 * then marks the days built — unless the zone changed meanwhile (that build is the one to finish).
 * Changes made during the build were marked (the state row was committed first) and are
 * recounted by the next refresh.
 */
export async function buildReportDays(deps: AppDeps, ws: number, tz: string): Promise<void> {
  const db = deps.database.db;
  await db.transaction(async (tx) => {
    await lockReports(tx, ws);
    await queryRows(tx, sql`delete from report_days where workspace_id = ${ws}`);
    await queryRows(tx, sql`delete from report_months where workspace_id = ${ws}`);
    await queryRows(tx, sql`update report_state set months_built = '{}' where workspace_id = ${ws}`);
  });
  const [span] = await queryRows<{ first: string | null; last: string | null }>(
    db,
    sql`select (min(t) at time zone ${tz})::date::text as first, (max(t) at time zone ${tz})::date::text as last
        from (select min(created_at) as t from tickets where workspace_id = ${ws} and deleted_at is null
              union all select max(created_at) from tickets where workspace_id = ${ws} and deleted_at is null
              union all select max(closed_at) from tickets
                where workspace_id = ${ws} and deleted_at is null and closed_at is not null
              union all select max(answered_at) from csat_surveys
                where workspace_id = ${ws} and answered_at is not null) x`,
  );
  if (span?.first && span.last)
    for (let from = span.first; from <= span.last; from = addDays(from, BUILD_CHUNK_DAYS)) {
      const to = addDays(from, BUILD_CHUNK_DAYS - 1);
      await db.transaction(async (tx) => {
        await lockReports(tx, ws);
        await recount(tx, ws, tz, from, to < span.last! ? to : span.last!);
      });
    }
  await analyzeAfterBuild(db, ws);
  await queryRows(
    db,
    sql`update report_state set built_at = now(), version = nextval('report_versions')
        where workspace_id = ${ws} and time_zone = ${tz} and built_at is null`,
  );
}

/**
 * Statistics for report_days once a build has added a good part of it (or it never had any):
 * without them the planner takes a year's days for a few rows and aggregates the per-agent
 * histograms by an on-disk sort (366 days at 1M: 1.5 s instead of 0.9 s). Autovacuum would get
 * there too, minutes later; many small workspaces' builds do not each pay for it.
 */
async function analyzeAfterBuild(db: AppDeps['database']['db'], ws: number): Promise<void> {
  const [r] = await queryRows<{ added: number; known: number }>(
    db,
    sql`select (select count(*) from report_days where workspace_id = ${ws})::float8 as added,
          (select reltuples from pg_class where oid = 'report_days'::regclass)::float8 as known`,
  );
  if (r && r.added > 1000 && (r.known < 0 || r.added > r.known * 0.1)) await queryRows(db, sql`analyze report_days`);
}

/**
 * Whether an overview of this workspace (in its zone `tz`) can read its report days, and their
 * version then (null: not yet): they are when built in that zone, brought up to date first. The
 * first time, or after the zone changed, a small workspace is built here and now; a large one
 * by the `reports.build` job, and until it is done overviews count from the tickets.
 */
export async function reportDaysReady(ctx: Ctx, tz: string): Promise<number | null> {
  const ws = ctx.workspaceId;
  const deps = ctx.deps;
  // One read on the usual path: the state, its version, and whether anything is marked.
  const [state] = await queryRows<{ time_zone: string; built: boolean; version: string; dirty: boolean }>(
    deps.database.db,
    sql`select time_zone, built_at is not null as built, version,
          exists (select 1 from report_dirty d where d.workspace_id = ${ws}) as dirty
        from report_state where workspace_id = ${ws}`,
  );
  if (state?.time_zone === tz) {
    if (!state.built) return null;
    if (!state.dirty) return Number(state.version);
    const r = await refreshReportDays(deps, ws, tz, { skipIfBusy: true, withinOneChunk: true });
    if (r.more && !r.recounted) await sendRefresh(deps, ws);
    return version(ctx);
  }
  // Claims the build: committed before anything is counted, so the triggers mark every change from now on.
  const claimed = await queryRows(
    deps.database.db,
    sql`insert into report_state (workspace_id, time_zone) values (${ws}, ${tz})
        on conflict (workspace_id) do update
          set time_zone = excluded.time_zone, built_at = null, created_at = now(), version = nextval('report_versions'),
            months_built = '{}'
          where report_state.time_zone <> excluded.time_zone
        returning 1`,
  );
  if (!claimed.length) return null;
  const [size] = await queryRows<{ n: number }>(
    deps.database.db,
    sql`select count(*)::int as n from (select 1 from tickets where workspace_id = ${ws}
          limit ${BUILD_INLINE_MAX_TICKETS + 1}) t`,
  );
  if (size.n <= BUILD_INLINE_MAX_TICKETS) {
    await buildReportDays(deps, ws, tz);
    return version(ctx);
  }
  await sendBuild(deps, { workspaceId: ws, timeZone: tz });
  return null;
}

async function version(ctx: Ctx): Promise<number | null> {
  const [row] = await queryRows<{ version: string }>(
    ctx.deps.database.db,
    sql`select version from report_state where workspace_id = ${ctx.workspaceId} and built_at is not null`,
  );
  return row ? Number(row.version) : null;
}

export const sendBuild = (deps: AppDeps, job: ReportBuildJob) =>
  deps.jobs.send(REPORT_BUILD_QUEUE, job, { singletonKey: `reports.build:${job.workspaceId}` });

/** Asks the reports.refresh job to work off one workspace's backlog, at most once a minute. */
export const sendRefresh = (deps: AppDeps, ws: number) =>
  deps.jobs.send(
    REPORT_REFRESH_QUEUE,
    { workspaceId: ws },
    { singletonKey: `reports.refresh:${ws}`, singletonSeconds: 60 },
  );
