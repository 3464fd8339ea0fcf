import { defineJob, type JobDefinition } from '../../platform/jobs';
import { dropStaleNotifications, NOTIFY_QUEUE, type TicketNotification } from '../tickets';
import { deliverJob } from './deliver.job';
import { notifyTicket } from './notify-ticket.job';
import { smsStatusJob } from './sms-status.job';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const notificationsJobs = (): JobDefinition[] => [
  // Every ticket change queues one; the handler decides who is told and writes the deliveries.
  defineJob<TicketNotification>({
    queue: NOTIFY_QUEUE,
    handler: notifyTicket,
    // Behind due timers and SLA checks (their burst causes the fan-out): see `lane`.
    options: { batchSize: 20, concurrency: 4, pollingIntervalSeconds: 1, lane: 'background' },
    queueOptions: { expireInSeconds: 30, retryDelay: 2 },
    prepare: async (deps) => {
      const dropped = await dropStaleNotifications(deps);
      if (dropped) deps.log.info({ dropped, queue: NOTIFY_QUEUE }, 'stale notification jobs dropped');
    },
  }),
  deliverJob(),
  smsStatusJob(),
];
