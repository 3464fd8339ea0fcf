import type { AppDeps } from './context';
import { RESET_QUEUE, type ResetJob } from '../modules/auth/forgot-password';
import { sendResetMail } from '../modules/auth/send-reset-mail.job';
import { cleanup } from '../modules/workspaces/cleanup.job';
import { SMS_QUEUE, sendSms, type SmsJob } from '../modules/auth/otp';
import { AUTO_CLOSE_QUEUE, autoCloseTickets } from '../modules/tickets/auto-close.job';
import { REPLY_QUEUE, type ReplyJob } from '../modules/mail/outbound/queue-reply';
import { runReplyJob } from '../modules/mail/outbound/send-reply.job';
import { NOTICE_QUEUE, runNoticeJob, type RefusedNoticeJob } from '../modules/mail/outbound/send-notice.job';
import {
  FETCH_QUEUE,
  runFetchJob,
  SCHEDULE_QUEUE,
  scheduleDueFetches,
  type FetchJob,
} from '../modules/mail/intake/fetch.job';

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
  // F2: every minute, a fetch for each mailbox that is due (one mailbox at a time: its lease).
  await deps.jobs.work<FetchJob>(FETCH_QUEUE, runFetchJob(deps), { batchSize: 1 });
  await deps.jobs.work(SCHEDULE_QUEUE, async () => {
    await scheduleDueFetches(deps);
  });
  await deps.jobs.schedule(SCHEDULE_QUEUE, '* * * * *');
  // F3: replies and automatic answers by mail; failures are retried by the queue with backoff.
  await deps.jobs.work<ReplyJob>(REPLY_QUEUE, runReplyJob(deps));
  await deps.jobs.work<RefusedNoticeJob>(NOTICE_QUEUE, runNoticeJob(deps));
}
