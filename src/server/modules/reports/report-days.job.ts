import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { JobHandler } from '../../platform/jobs';
import { buildReportDays, refreshAll, sendBuild, sendRefresh, type ReportBuildJob } from './report-days';
import { buildReportMonths, type ReportMonthsJob } from './report-months';

/** A build not finished after this long (its worker died) is sent again. */
const STALLED_BUILD_MINUTES = 30;
const TIME_BUDGET_MS = 20_000;
/** One workspace's backlog per run (a chunk takes ~1 s at a million tickets; the queue expires at 60). */
const ONE_WORKSPACE_BUDGET_MS = 40_000;

/** Counts one workspace's report days from scratch (reports.build: the first time, a new zone). */
export const reportBuildHandler =
  (deps: AppDeps): JobHandler<ReportBuildJob> =>
  async (job) => {
    const [state] = await queryRows<{ time_zone: string; built: boolean }>(
      deps.database.db,
      sql`select time_zone, built_at is not null as built from report_state where workspace_id = ${job.workspaceId}`,
    );
    // Built meanwhile, or claimed for another zone (that claim sent its own job).
    if (!state || state.built || state.time_zone !== job.timeZone) return;
    await buildReportDays(deps, job.workspaceId, job.timeZone);
  };

/** Adds up the whole past months of a workspace's days not added up yet (reports.months). */
export const reportMonthsHandler =
  (deps: AppDeps): JobHandler<ReportMonthsJob> =>
  async (job) => {
    await buildReportMonths(deps, job.workspaceId, job.months ?? []);
  };

/**
 * Every ten minutes (no data): brings up to date the days of workspaces that changed and whose
 * reports nobody opened since (so report_dirty stays short), sends stalled builds again, and
 * forgets marks of workspaces that have no report days. At most 20 s a run; the rest waits ten
 * minutes. Sent for one workspace (`workspaceId`) by an overview that found more marked days than
 * it recounts itself: works that backlog off, a chunk per transaction, and sends itself again
 * when 40 s were not enough.
 */
export const reportRefreshHandler =
  (deps: AppDeps): JobHandler<{ workspaceId?: number }> =>
  async (data) => {
    const db = deps.database.db;
    if (data?.workspaceId) {
      const [s] = await queryRows<{ time_zone: string }>(
        db,
        sql`select time_zone from report_state where workspace_id = ${data.workspaceId} and built_at is not null`,
      );
      if (s && (await refreshAll(deps, data.workspaceId, s.time_zone, ONE_WORKSPACE_BUDGET_MS)))
        await sendRefresh(deps, data.workspaceId);
      return;
    }
    const started = performance.now();
    await queryRows(
      db,
      sql`delete from report_dirty d where not exists (select 1 from report_state s where s.workspace_id = d.workspace_id)`,
    );
    const stalled = await queryRows<{ workspace_id: number; time_zone: string }>(
      db,
      sql`select workspace_id, time_zone from report_state
          where built_at is null and created_at < now() - make_interval(mins => ${STALLED_BUILD_MINUTES})`,
    );
    for (const s of stalled) {
      await queryRows(db, sql`update report_state set created_at = now() where workspace_id = ${s.workspace_id}`);
      await sendBuild(deps, { workspaceId: Number(s.workspace_id), timeZone: s.time_zone });
    }
    const dirty = await queryRows<{ workspace_id: number; time_zone: string }>(
      db,
      sql`select s.workspace_id, s.time_zone from report_state s
          where s.built_at is not null and exists (select 1 from report_dirty d where d.workspace_id = s.workspace_id)`,
    );
    for (const w of dirty) {
      const left = TIME_BUDGET_MS - (performance.now() - started);
      if (left <= 0) return;
      await refreshAll(deps, Number(w.workspace_id), w.time_zone, left);
    }
  };
