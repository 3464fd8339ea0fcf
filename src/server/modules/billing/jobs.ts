import { defineJob, type JobDefinition } from '../../platform/jobs';
import { sendLowCreditMail } from './low-credit-mail.job';
import { LOW_CREDIT_QUEUE, type LowCreditJob } from './low-balance';
import { RECONCILE_PAYMENTS_QUEUE, reconcilePayments } from './reconcile-payments.job';

/** The low-credit warning to admins (queue `billing.low-credit`) and the payments' reconcile run. */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const billingJobs = (): JobDefinition[] => [
  defineJob<LowCreditJob>({ queue: LOW_CREDIT_QUEUE, handler: sendLowCreditMail }),
  // Not retried: the next run, ten minutes later, takes the same payments again.
  defineJob({
    queue: RECONCILE_PAYMENTS_QUEUE,
    handler: reconcilePayments,
    schedule: '*/10 * * * *',
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryLimit: 0 },
  }),
];
