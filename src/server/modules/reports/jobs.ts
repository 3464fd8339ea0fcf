import { defineJob, type JobDefinition } from '../../platform/jobs';
import { REPORT_BUILD_QUEUE, REPORT_REFRESH_QUEUE, type ReportBuildJob } from './report-days';
import { reportBuildHandler, reportMonthsHandler, reportRefreshHandler } from './report-days.job';
import { REPORT_MONTHS_QUEUE, type ReportMonthsJob } from './report-months';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const reportsJobs = (): JobDefinition[] => [
  // A month of tickets per transaction; a million tickets take about a minute. Sent again by the
  // refresh job when it stalls, and a second run redoes it.
  defineJob<ReportBuildJob>({
    queue: REPORT_BUILD_QUEUE,
    handler: reportBuildHandler,
    options: { lane: 'background' },
    queueOptions: { expireInSeconds: 600 },
  }),
  // Every ten minutes for every workspace; sent for one whose backlog an overview left to it.
  defineJob<{ workspaceId?: number }>({
    queue: REPORT_REFRESH_QUEUE,
    handler: reportRefreshHandler,
    schedule: '*/10 * * * *',
  }),
  // A month of a million-ticket workspace takes 0.5–1 s, a year's 13 well within the default
  // expiry; each month is committed, so a run taken again goes on where the dead one stopped.
  defineJob<ReportMonthsJob>({
    queue: REPORT_MONTHS_QUEUE,
    handler: reportMonthsHandler,
    options: { lane: 'background' },
  }),
];
