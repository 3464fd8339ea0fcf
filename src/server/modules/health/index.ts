/** Public surface of the health module. */
export { healthRoutes } from './health.routes';
