import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the SLA policies' operations (platform/http/api-docs.ts). */
export const slaApiDocs: ApiDocs = {
  'GET /sla-policies': {
    operationId: 'listSlaPolicies',
    summary: 'List SLA policies',
    description: 'Staff. In matching order (position): the first whose conditions all hold applies to a ticket.',
  },
  'POST /sla-policies': {
    operationId: 'createSlaPolicy',
    summary: 'Create an SLA policy',
    description:
      'Needs settings.manage. targets in working minutes on calendarId (default: the workspace’s default calendar): firstResponse (until the first agent reply), nextResponse (from a requester’s message after an agent reply until the next agent reply), resolution (until closed). warnBefore working minutes before each due time a warning goes to the handlers; pauseWhilePending stops the clocks while the ticket waits for the requester. onBreach: transfer, assign, raise priority one step, notify staff. Open tickets are recomputed after the change.',
    example: {
      name: 'فوری‌ها',
      position: 0,
      conditions: { priorities: ['urgent', 'high'] },
      targets: { firstResponse: 60, nextResponse: 120, resolution: 960 },
      warnBefore: 30,
      pauseWhilePending: true,
      onBreach: { raisePriority: true, notify: ['12'] },
    },
  },
  'GET /sla-policies/:id': {
    operationId: 'getSlaPolicy',
    summary: 'Get an SLA policy',
    description: 'Staff. One policy with its conditions, targets and breach actions (404 for another workspace’s).',
  },
  'PATCH /sla-policies/:id': {
    operationId: 'updateSlaPolicy',
    summary: 'Change an SLA policy',
    description: 'Needs settings.manage. Open tickets are recomputed after the change.',
  },
  'DELETE /sla-policies/:id': {
    operationId: 'deleteSlaPolicy',
    summary: 'Remove an SLA policy',
    description: 'Needs settings.manage. Its tickets fall to the next matching policy, or none.',
  },
};
