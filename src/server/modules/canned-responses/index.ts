/** Public surface of the canned responses module (K6). */
export { cannedResponsesRoutes } from './canned-responses.routes';
export { cannedResponsesApiDocs, cannedResponsesApiTag } from './canned-responses.api-docs';
export { createCannedResponse } from './create-canned-response';
