import { defineJob, type JobDefinition } from '../../platform/jobs';
import { slaCheckHandler } from './check-sla';
import { slaRecomputeHandler, SLA_RECOMPUTE_QUEUE, type SlaRecomputeJob } from './recompute-sla';
import { SLA_CHECK_QUEUE, type SlaCheckJob } from './sla-write';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const slaJobs = (): JobDefinition[] => [
  // Thousands may fall due in the same minute (the morning after a holiday): batches, in parallel.
  defineJob<SlaCheckJob>({
    queue: SLA_CHECK_QUEUE,
    handler: slaCheckHandler,
    options: { lane: 'deadline', batchSize: 100, concurrency: 8, pollingIntervalSeconds: 2 },
    queueOptions: { expireInSeconds: 30, retryDelay: 3 },
  }),
  // A walk over every open ticket (batches of 500, each committed): long, and safe to run again.
  defineJob<SlaRecomputeJob>({
    queue: SLA_RECOMPUTE_QUEUE,
    handler: slaRecomputeHandler,
    queueOptions: { expireInSeconds: 600, retryDelay: 30 },
  }),
];
