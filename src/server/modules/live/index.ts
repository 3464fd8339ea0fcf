/** Public surface of the live module. */
export { liveRoutes } from './live.routes';
