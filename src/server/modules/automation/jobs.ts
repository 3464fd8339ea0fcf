import { defineJob, type JobDefinition } from '../../platform/jobs';
import { TRIGGERS_RUN_QUEUE, triggersRunHandler, type TriggersRunJob } from './run-triggers.job';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const automationJobs = (): JobDefinition[] => [
  // One per ticket event of a workspace with active triggers for it; set off by other work.
  defineJob<TriggersRunJob>({
    queue: TRIGGERS_RUN_QUEUE,
    handler: triggersRunHandler,
    options: { batchSize: 10, concurrency: 2, pollingIntervalSeconds: 1, lane: 'background' },
    queueOptions: { expireInSeconds: 30, retryDelay: 2 },
  }),
];
