import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the departments module's operations (platform/http/api-docs.ts). */
export const departmentsApiDocs: ApiDocs = {
  'GET /departments': {
    operationId: 'listDepartments',
    summary: 'List departments',
    description:
      'Signed in. Staff see every department with its manager and agents, and may filter by active; customers see only active, visible departments that are not internal, without manager or agents. Filter by q (a part of the name), sort by name or updated (prefix - for descending), paged (pageSize at most 100).',
  },
  'POST /departments': {
    operationId: 'createDepartment',
    summary: 'Create a department',
    description:
      'Needs departments.manage. The manager and every agent must be live staff accounts of the workspace (400 otherwise); the manager is added to the agents too. usage says who may open tickets in it: all (guests too), members (signed-in people only) or internal (staff only); customers also need it active and visible. The new agents get access to its tickets at once. assignmentMode says how a new ticket without an assignee (and one transferred in without one) gets an agent: manual (it does not; the default), round_robin (the next present agent by id, in turn) or least_open (the present agent with the fewest active or pending tickets assigned); agents who are away, inactive or deleted are skipped, and with nobody present the ticket stays unassigned.',
    example: {
      name: 'پشتیبانی فنی',
      description: 'مشکلات سخت‌افزار، شبکه و چاپگرها',
      usage: 'all',
      managerId: '12',
      agentIds: ['12', '15', '18'],
      assignmentMode: 'round_robin',
    },
  },
  'GET /departments/:id': {
    operationId: 'getDepartment',
    summary: 'Get a department',
    description:
      'Signed in. Staff get any department with its manager and agents; customers only an active, visible one that is not internal, without manager or agents (404 for the others).',
  },
  'PATCH /departments/:id': {
    operationId: 'updateDepartment',
    summary: 'Update a department',
    description:
      'Needs departments.manage. Only the fields sent change; agentIds replaces the agent list, and a new manager is added to the agents. Manager and agents must be live staff accounts (400). assignmentMode (manual, round_robin, least_open) applies to tickets opened or transferred in from then on. To retire a department that has tickets, set active to false: it cannot be deleted.',
    example: { description: 'مشکلات سخت‌افزار، شبکه، چاپگرها و تلفن', agentIds: ['12', '15', '18', '21'] },
  },
  'DELETE /departments/:id': {
    operationId: 'deleteDepartment',
    summary: 'Delete a department',
    description:
      'Needs departments.manage. Refused with 409 while any ticket, even a deleted one, belongs to the department (deactivate it instead). Its agent list and its mailboxes are deleted with it. Answers 204.',
    errors: [409],
  },
  'POST /departments/:id/assign-group': {
    operationId: 'assignDepartmentGroup',
    summary: "Add an agent group's members to a department",
    description:
      'Needs departments.manage. Every current member of the agent group becomes an agent of the department (those already in it stay; nobody is removed). The group is not linked: people added to it later are not added to the department. An unknown group or a customer group answers 400 on groupId. Answers the updated department.',
    example: { groupId: '4' },
  },
};
