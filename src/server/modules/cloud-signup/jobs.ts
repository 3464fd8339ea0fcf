import { defineJob, type JobDefinition } from '../../platform/jobs';
import { SIGNUP_SMS_QUEUE, sendSignupSms, type SignupSmsJob } from './signup-code';

/** The sign-up code's SMS: someone waits for it, so it is polled every second. */
export const cloudSignupJobs = (): JobDefinition[] => [
  defineJob<SignupSmsJob>({
    queue: SIGNUP_SMS_QUEUE,
    handler: sendSignupSms,
    options: { batchSize: 5, concurrency: 5, pollingIntervalSeconds: 1 },
  }),
];
