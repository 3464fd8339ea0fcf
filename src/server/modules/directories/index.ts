/** Public surface of directory sign-in (A5). */
export { directoriesRoutes } from './directories.routes';
export { directoriesApiDocs } from './directories.api-docs';
export { directoriesJobs } from './jobs';
export { signInWithDirectory } from './directory-sign-in';
