import { defineJob, type JobDefinition } from '../../platform/jobs';
import { webhookCleanupHandler, WEBHOOK_CLEANUP_QUEUE } from './cleanup.job';
import { webhookDeliverHandler, WEBHOOK_DELIVER_QUEUE, type WebhookDeliverJob } from './deliver.job';
import { webhookDispatchHandler } from './dispatch.job';
import { WEBHOOK_DISPATCH_QUEUE, type WebhookDispatchJob } from './queue-event';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const webhooksJobs = (): JobDefinition[] => [
  // Reads one ticket and writes the deliveries: quick, work set off by other work.
  defineJob<WebhookDispatchJob>({
    queue: WEBHOOK_DISPATCH_QUEUE,
    handler: webhookDispatchHandler,
    options: { lane: 'background', batchSize: 20, concurrency: 4 },
    queueOptions: { expireInSeconds: 30 },
  }),
  // One attempt: a lookup (≤ 5 s) and a request (≤ 10 s); several endpoints at once. The next
  // attempt after a failure is a new job (startAfter); pg-boss's own retries only cover a dead
  // worker or a delivery another attempt still holds.
  defineJob<WebhookDeliverJob>({
    queue: WEBHOOK_DELIVER_QUEUE,
    handler: webhookDeliverHandler,
    options: { lane: 'background', batchSize: 8, concurrency: 8 },
    queueOptions: { expireInSeconds: 30, retryLimit: 6, retryDelay: 3 },
  }),
  defineJob<object>({
    queue: WEBHOOK_CLEANUP_QUEUE,
    handler: webhookCleanupHandler,
    schedule: '41 3 * * *',
  }),
];
