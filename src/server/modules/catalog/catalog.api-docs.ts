import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the catalog module's operations (platform/http/api-docs.ts). */
export const catalogApiDocs: ApiDocs = {
  'GET /ticket-types': {
    operationId: 'listTicketTypes',
    summary: 'List ticket types',
    description:
      'Signed in. The whole catalogue in one page (at most 500), ordered by position and then name; staff see every type, customers only the active ones they can choose when opening a ticket.',
  },
  'POST /ticket-types': {
    operationId: 'createTicketType',
    summary: 'Create a ticket type',
    description:
      'Needs catalog.manage. The name must be unique in the workspace, ignoring case (400). Lists show types by position (smallest first), then by name.',
    example: {
      name: 'درخواست تجهیزات',
      description: 'درخواست رایانه، چاپگر یا لوازم جانبی',
      active: true,
      position: 10,
    },
  },
  'PATCH /ticket-types/:id': {
    operationId: 'updateTicketType',
    summary: 'Update a ticket type',
    description:
      'Needs catalog.manage. Only the fields sent change; the name must stay unique, ignoring case (400). An inactive type is hidden from customers and can no longer be chosen for new tickets; tickets that have it keep it.',
    example: { active: false },
  },
  'DELETE /ticket-types/:id': {
    operationId: 'deleteTicketType',
    summary: 'Delete a ticket type',
    description:
      'Needs catalog.manage. Removes the type from the catalogue; tickets that had it are not changed and keep its id without a name. To retire a type that tickets use, set it inactive instead. Answers 204.',
  },
  'GET /tags': {
    operationId: 'listTags',
    summary: 'List tags',
    description:
      "Staff. The workspace's tags sorted by name, paged (pageSize at most 100); q filters by a part of the name.",
  },
  'POST /tags': {
    operationId: 'createTag',
    summary: 'Create a tag',
    description:
      'Needs catalog.manage. The name must be unique in the workspace, ignoring case (400); color is optional, as #rrggbb.',
    example: { name: 'فوری', color: '#d32f2f' },
  },
  'DELETE /tags/:id': {
    operationId: 'deleteTag',
    summary: 'Delete a tag',
    description: 'Needs catalog.manage. Removes the tag; tickets that carried it no longer show it. Answers 204.',
  },
  'GET /org-units': {
    operationId: 'listOrgUnits',
    summary: 'List organisational units',
    description:
      'Signed in. The whole tree in one page (at most 2000), ordered by position and then name, each unit naming its parentId (null at the top); staff see every unit, customers only the active ones they pick their unit from.',
  },
  'POST /org-units': {
    operationId: 'createOrgUnit',
    summary: 'Create an organisational unit',
    description:
      'Needs catalog.manage. parentId, when given, must be a unit of the workspace (400); without it the unit is at the top of the tree. Units are listed by position, then by name.',
    example: { name: 'دانشکده مهندسی برق', parentId: '3', active: true, position: 1 },
  },
  'PATCH /org-units/:id': {
    operationId: 'updateOrgUnit',
    summary: 'Update an organisational unit',
    description:
      'Needs catalog.manage. Only the fields sent change; a new parentId moves the unit with its whole subtree, and may be neither the unit itself nor one of its descendants (400). An inactive unit is hidden from customers.',
    example: { name: 'دانشکده مهندسی برق و کامپیوتر', parentId: '3' },
  },
  'DELETE /org-units/:id': {
    operationId: 'deleteOrgUnit',
    summary: 'Delete an organisational unit',
    description:
      'Needs catalog.manage. Removes the unit; its child units move up to its parent. People in it are left without a unit (their orgUnitId becomes null). Answers 204.',
  },
};
