import { defineJob, type JobDefinition } from '../../platform/jobs';
import { FETCH_QUEUE, runFetchJob, SCHEDULE_QUEUE, scheduleDueFetches, type FetchJob } from './intake/fetch.job';
import { REPLY_QUEUE, type ReplyJob } from './outbound/queue-reply';
import { NOTICE_QUEUE, runNoticeJob, type NoticeJob } from './outbound/send-notice.job';
import { runReplyJob } from './outbound/send-reply.job';

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const mailJobs = (): JobDefinition[] => [
  // F2: every minute, a fetch for each mailbox that is due (one mailbox at a time: its lease).
  defineJob<FetchJob>({ queue: FETCH_QUEUE, handler: runFetchJob, options: { batchSize: 1 } }),
  defineJob({
    queue: SCHEDULE_QUEUE,
    handler: (deps) => async () => {
      await scheduleDueFetches(deps);
    },
    schedule: '* * * * *',
  }),
  // F3: replies and automatic answers by mail; failures are retried by the queue with backoff.
  defineJob<ReplyJob>({ queue: REPLY_QUEUE, handler: runReplyJob }),
  defineJob<NoticeJob>({ queue: NOTICE_QUEUE, handler: runNoticeJob }),
];
