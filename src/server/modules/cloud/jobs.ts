import { defineJob, type JobDefinition } from '../../platform/jobs';
import { sendReminderMail } from './subscription-reminder-mail.job';
import {
  REMINDER_MAIL_QUEUE,
  SUBSCRIPTION_REMINDERS_QUEUE,
  sendSubscriptionReminders,
  type ReminderMailJob,
} from './subscription-reminders.job';

/** The cloud module's background work (the subscription reminders join here). */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const cloudJobs = (): JobDefinition[] => [
  // Not retried: the next run, ten minutes later, finds the same due reminders (each is sent once).
  defineJob({
    queue: SUBSCRIPTION_REMINDERS_QUEUE,
    handler: sendSubscriptionReminders,
    schedule: '*/10 * * * *',
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryLimit: 0 },
  }),
  defineJob<ReminderMailJob>({ queue: REMINDER_MAIL_QUEUE, handler: sendReminderMail }),
];
