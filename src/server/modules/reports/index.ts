/** Public surface of the reports module (K4): the overview and the CSV and Excel exports. */
export { reportsRoutes } from './reports.routes';
export { reportsApiDocs } from './reports.api-docs';
export { reportOverview } from './overview';
