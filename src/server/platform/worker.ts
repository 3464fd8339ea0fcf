import type { AppDeps } from './context';
import { RESET_QUEUE, type ResetJob } from '../modules/auth/forgot-password';
import { sendResetMail } from '../modules/auth/send-reset-mail.job';
import { cleanup } from '../modules/workspaces/cleanup.job';
import { SMS_QUEUE, sendSms, type SmsJob } from '../modules/auth/otp';
import { AUTO_CLOSE_QUEUE, autoCloseTickets } from '../modules/tickets/auto-close.job';

/** Registers every job handler and schedule. Runs in any process started with WORKER=true. */
export async function startWorker(deps: AppDeps) {
  await deps.jobs.work<ResetJob>(RESET_QUEUE, sendResetMail(deps));
  await deps.jobs.work<SmsJob>(SMS_QUEUE, sendSms(deps));
  await deps.jobs.work('maintenance.cleanup', () => cleanup(deps));
  await deps.jobs.schedule('maintenance.cleanup', '17 * * * *');
  await deps.jobs.work(AUTO_CLOSE_QUEUE, async () => {
    await autoCloseTickets(deps);
  });
  await deps.jobs.schedule(AUTO_CLOSE_QUEUE, '41 * * * *');
}
