/** Public surface of the live module. */
export { liveRoutes } from './live.routes';
export { liveApiDocs } from './live.api-docs';
