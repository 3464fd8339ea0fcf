/** Public surface of the auth module. */
export { authRoutes } from './auth.routes';
export { authJobs } from './jobs';
