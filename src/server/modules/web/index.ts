/** Public surface of the web module. */
export { webRoutes } from './web.routes';
