import { defineJob, type JobDefinition } from '../../platform/jobs';
import { RESET_QUEUE, type ResetJob } from './forgot-password';
import { SMS_QUEUE, sendSms, type SmsJob } from './otp';
import { sendResetMail } from './send-reset-mail.job';

const QUICK = { batchSize: 5, concurrency: 5, pollingIntervalSeconds: 1 };

/** Password-reset mail and sign-in codes by SMS. */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const authJobs = (): JobDefinition[] => [
  // Someone waits for these: polled every second, a few at a time (the queue defaults retry quickly).
  defineJob<ResetJob>({ queue: RESET_QUEUE, handler: sendResetMail, options: QUICK }),
  defineJob<SmsJob>({ queue: SMS_QUEUE, handler: sendSms, options: QUICK }),
];
