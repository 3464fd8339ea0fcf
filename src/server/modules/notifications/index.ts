/** Public surface of the notifications module (issue 15: G1–G3, C23). */
export { notificationsRoutes } from './notifications.routes';
export { notificationsJobs } from './jobs';
export { pushApiDocs, pushRoutes } from './push';
export { notificationsApiDocs } from './notifications.api-docs';
export { pollSmsStatus } from './sms-status.job';
export { DELIVER_QUEUE } from './deliver.job';
export { sendSmsNow } from './send-sms-now';
export { jobCtx } from './job-ctx';
/** The platform's own gateway, for texts that belong to no workspace (cloud sign-up codes). */
export { platformAccount } from './sms-settings';
export { smsClientFor } from './sms-client';
