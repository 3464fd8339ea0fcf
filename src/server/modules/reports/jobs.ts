import { defineJob, type JobDefinition } from '../../platform/jobs';
import { REPORT_BUILD_QUEUE, type ReportBuildJob } from './report-days';
import { reportBuildHandler, reportRefreshHandler, REPORT_REFRESH_QUEUE } from './report-days.job';

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
  defineJob<object>({
    queue: REPORT_REFRESH_QUEUE,
    handler: reportRefreshHandler,
    schedule: '*/10 * * * *',
  }),
];
