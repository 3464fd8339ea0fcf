import { defineJob, type JobDefinition } from '../../platform/jobs';
import type { CsatSendJob } from './csat-sink';
import { runCsatSend } from './send-survey.job';
import { CSAT_SEND_QUEUE } from './surveys.repo';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
/**
 * `csat.send` sends mail as the guest link does (tickets/guest-link-mail.job.ts): batches of 20,
 * ten at a time, polled every second; a dead worker's job taken again within a minute; a failed
 * send retried with backoff.
 */
export const csatJobs = (): JobDefinition[] => [
  defineJob<CsatSendJob>({
    queue: CSAT_SEND_QUEUE,
    handler: runCsatSend,
    options: { batchSize: 20, concurrency: 10, pollingIntervalSeconds: 1 },
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryBackoff: true, retryLimit: 10 },
  }),
];
