/** Public surface of the webhooks module (K10): endpoints, signed deliveries with retries, the log. */
export { queueWebhookCall, queueWebhookEvent, WEBHOOK_DISPATCH_QUEUE } from './queue-event';
export { webhookTicketSink } from './webhook-sink';
export { webhooksRoutes } from './webhooks.routes';
export { webhooksApiDocs, webhooksApiTag } from './webhooks.api-docs';
export { webhooksJobs } from './jobs';
