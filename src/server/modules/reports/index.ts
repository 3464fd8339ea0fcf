/** Public surface of the reports module (K4): the overview and the CSV and Excel exports, the report days' jobs. */
export { reportsRoutes } from './reports.routes';
export { reportsApiDocs } from './reports.api-docs';
export { reportsJobs } from './jobs';
