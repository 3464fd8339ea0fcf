import { defineJob, type JobDefinition } from '../../platform/jobs';
import { sendLowCreditMail } from './low-credit-mail.job';
import { LOW_CREDIT_QUEUE, type LowCreditJob } from './low-balance';

/** The low-credit warning to admins (queue `billing.low-credit`). */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const billingJobs = (): JobDefinition[] => [
  defineJob<LowCreditJob>({ queue: LOW_CREDIT_QUEUE, handler: sendLowCreditMail }),
];
