import { defineJob, type JobDefinition } from '../../platform/jobs';
import { workflowTimerHandler } from './fire-workflow-timer';
import { WORKFLOW_TIMER_QUEUE, type WorkflowTimerJob } from './workflow-timers';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const catalogueJobs = (): JobDefinition[] => [
  // Many timers may fall due in the same minute (a holiday's end): batches, several at a time.
  defineJob<WorkflowTimerJob>({
    queue: WORKFLOW_TIMER_QUEUE,
    handler: workflowTimerHandler,
    options: { lane: 'deadline', batchSize: 100, concurrency: 10, pollingIntervalSeconds: 2 },
    queueOptions: { expireInSeconds: 30, retryDelay: 3 },
  }),
];
