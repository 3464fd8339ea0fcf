/** Public surface of the mail module. */
export { mailRoutes } from './mail.routes';
export { mailJobs } from './jobs';
export { systemCtx } from './intake/system-ctx';
export { senderFor } from './outbound/sender';
export { mailsReplies, queueReplyJob, REPLY_QUEUE, type ReplyJob } from './outbound/queue-reply';
export { mailApiDocs } from './mail.api-docs';
