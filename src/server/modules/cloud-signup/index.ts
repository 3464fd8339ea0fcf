/** Public surface of the cloud sign-up module (issue 19, I1): an organisation makes its own helpdesk. */
export { cloudSignupRoutes } from './cloud-signup.routes';
export { cloudSignupApiDocs } from './cloud-signup.api-docs';
export { cloudSignupJobs } from './jobs';
