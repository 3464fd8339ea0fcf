/** Public surface of the catalog module. */
export { catalogRoutes } from './catalog.routes';
export { createOrgUnit } from './org-units';
export { createTag } from './tags';
export { createTicketType } from './ticket-types';
export { catalogApiDocs } from './catalog.api-docs';
