import { defineJob, type JobDefinition } from '../../platform/jobs';
import { RESET_QUEUE, type ResetJob } from './forgot-password';
import { SMS_QUEUE, sendSms, type SmsJob } from './otp';
import { sendResetMail } from './send-reset-mail.job';

/** Password-reset mail and sign-in codes by SMS. */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const authJobs = (): JobDefinition[] => [
  defineJob<ResetJob>({ queue: RESET_QUEUE, handler: sendResetMail }),
  defineJob<SmsJob>({ queue: SMS_QUEUE, handler: sendSms }),
];
