/** Public surface of the service catalogue module (E1–E5): desks, request types, requests, workflows. */
export { catalogueRoutes } from './catalogue.routes';
export { catalogueApiDocs } from './catalogue.api-docs';
export { catalogueJobs } from './jobs';
export { requestExtras } from './request-extras';
export { fireWorkflowTimer } from './fire-workflow-timer';
export { WORKFLOW_TIMER_QUEUE } from './workflow-timers';
export { setiranRequestType, INVOICE_WAIT_MINUTES } from './setiran';
export { createDesk } from './create-desk';
export { createRequestType } from './create-request-type';
export { createRequest } from './create-request';
export { takeTransition } from './take-transition';
