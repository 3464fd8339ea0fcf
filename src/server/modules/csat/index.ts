/** Public surface of the satisfaction surveys module (K5). */
export { csatRoutes } from './csat.routes';
export { csatApiDocs, csatApiTag } from './csat.api-docs';
export { csatJobs } from './jobs';
export { csatSink, type CsatSendJob } from './csat-sink';
export { csatColumn, csatFrom, type CsatColumn } from './ticket-csat';
export { csatSummary, type CsatSummary } from './csat-summary';
export { CSAT_SEND_QUEUE } from './surveys.repo';
