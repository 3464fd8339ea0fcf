import { defineJob, type JobDefinition } from '../../platform/jobs';
import { FETCH_QUEUE, runFetchJob, SCHEDULE_QUEUE, scheduleDueFetches, type FetchJob } from './intake/fetch.job';
import { REPLY_QUEUE, type ReplyJob } from './outbound/queue-reply';
import { NOTICE_QUEUE, runNoticeJob, type NoticeJob } from './outbound/send-notice.job';
import { runReplyJob } from './outbound/send-reply.job';

/**
 * Outgoing mail: batches of 20, ten sent at a time over pooled SMTP connections, polled every
 * second (a full batch fetches the next at once). A job may stay active 30 s — a batch is two
 * rounds of sends bounded by 10 s SMTP timeouts — and a dead worker's job is retried 2–4 s
 * after it expires. Delivery retries (a 4xx answer) are not the queue's: the handler queues
 * the next attempt itself with a longer backoff (`nextAttemptDelayMs`).
 */
export const MAIL_OUT_WORK = { batchSize: 20, concurrency: 10, pollingIntervalSeconds: 1 };
export const MAIL_OUT_QUEUE = { expireInSeconds: 30, retryDelay: 2, retryBackoff: true, retryLimit: 10 };

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const mailJobs = (): JobDefinition[] => [
  // F2: every minute, a fetch for each mailbox that is due (one mailbox at a time: its lease).
  // A fetch renews its five-minute lease as it goes; a dead worker's fetch is not retried
  // (retryLimit 0): the lease runs out and the next minute's schedule fetches again.
  defineJob<FetchJob>({
    queue: FETCH_QUEUE,
    handler: runFetchJob,
    options: { batchSize: 1 },
    queueOptions: { expireInSeconds: 300, retryLimit: 0 },
  }),
  defineJob({
    queue: SCHEDULE_QUEUE,
    handler: (deps) => async () => {
      await scheduleDueFetches(deps);
    },
    schedule: '* * * * *',
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryLimit: 2 },
  }),
  // F3: replies and automatic answers by mail.
  defineJob<ReplyJob>({
    queue: REPLY_QUEUE,
    handler: runReplyJob,
    options: MAIL_OUT_WORK,
    queueOptions: MAIL_OUT_QUEUE,
  }),
  defineJob<NoticeJob>({
    queue: NOTICE_QUEUE,
    handler: runNoticeJob,
    options: MAIL_OUT_WORK,
    queueOptions: MAIL_OUT_QUEUE,
  }),
];
