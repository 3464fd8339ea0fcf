import type { ApiDocs, TagDoc } from '../../platform/http/api-docs';

/** The OpenAPI texts of the canned responses' operations (platform/http/api-docs.ts). */
export const cannedResponsesApiDocs: ApiDocs = {
  'GET /canned-responses': {
    operationId: 'listCannedResponses',
    summary: 'List canned responses',
    description:
      'Staff. The responses the caller may use, by title: their own personal ones and the shared ones (for every department, or for one of the agent’s departments; admins and agents with canned.manage see every shared one). q searches title, shortcut and body, with Arabic and Persian letters, digits and ZWNJ folded; departmentId keeps the responses for that department and those for every department; scope keeps only shared or only personal ones.',
  },
  'POST /canned-responses': {
    operationId: 'createCannedResponse',
    summary: 'Create a canned response',
    description:
      'Staff. shared=true makes a response of the team (admins and agents with canned.manage, 403 otherwise), shared=false one only the caller sees. The body is HTML and is sanitised; it may hold the placeholders {{ticket.number}}, {{ticket.subject}}, {{ticket.department}}, {{requester.name}}, {{requester.email}}, {{agent.name}} and {{workspace.name}}. The shortcut (letters, digits, - and _) is stored Persian-folded and lower-cased and is unique among the shared responses, or among the caller’s personal ones (400 on shortcut). departmentIds must be departments of the workspace (400).',
    errors: [403],
    example: {
      title: 'خوشامد',
      body: '<p>سلام {{requester.name}}، درخواست شمارهٔ {{ticket.number}} را دریافت کردیم.</p>',
      shortcut: 'salam',
      departmentIds: [],
      shared: true,
    },
  },
  'PATCH /canned-responses/:id': {
    operationId: 'updateCannedResponse',
    summary: 'Change a canned response',
    description:
      'Staff: the owner of a personal response, or admins and agents with canned.manage for a shared one (403). Only the fields sent change; a response the caller cannot use is 404. Turning a shared response personal makes it the caller’s own.',
    errors: [403],
  },
  'DELETE /canned-responses/:id': {
    operationId: 'deleteCannedResponse',
    summary: 'Remove a canned response',
    description:
      'Staff: the owner of a personal response, or admins and agents with canned.manage for a shared one (403). Answers 204.',
    errors: [403],
  },
  'GET /canned-responses/:id/render': {
    operationId: 'renderCannedResponse',
    summary: 'Fill a canned response for a ticket',
    description:
      'Staff. The body with its placeholders filled (values HTML-escaped) for the ticket ticketNumber (a number or a desk key such as SETIRAN-30), ready to insert in the reply. Unknown placeholders stay as typed. 404 when the caller may not see the ticket or use the response.',
  },
};

export const cannedResponsesApiTag: TagDoc = {
  name: 'canned-responses',
  description:
    'Canned responses: the team’s shared answers and each agent’s own, with a shortcut for the reply box and placeholders filled for a ticket.',
};
