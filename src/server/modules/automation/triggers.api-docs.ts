import type { ApiDocs, TagDoc } from '../../platform/http/api-docs';

export const triggersApiTag: TagDoc = {
  name: 'triggers',
  description:
    'Triggers: on a ticket event, when every condition holds, actions run in order (set fields, tags, an internal note, notify, call a webhook) as the system; ordered by position, loop-safe, with a log of every run.',
};

/** The OpenAPI texts of the triggers' operations (platform/http/api-docs.ts). */
export const triggersApiDocs: ApiDocs = {
  'GET /triggers': {
    operationId: 'listTriggers',
    summary: 'List triggers',
    description: 'Admins. In running order: position, then id.',
  },
  'POST /triggers': {
    operationId: 'createTrigger',
    summary: 'Create a trigger',
    description:
      'Admins. event: ticket.created | ticket.updated | message.created | sla.warning | sla.breached. conditions (all must hold): { field, op, value } — fields status, priority, departmentId, typeId, tagIds, assigneeIds, requesterRole, subject, message.kind, message.author; ops is, is_not, contains, not_contains, in, changed, changed_to, each field taking only its own (an unknown field or op is a 400 naming conditions.<i>.field or .op). actions, in order: set_status, set_priority, set_department, set_assignee (an agent id or "unassign"), add_tag, remove_tag, add_note (placeholders {{ticket.number}}, {{ticket.subject}}, {{requester.name}}), notify (userIds, departmentIds), call_webhook (webhookId; event trigger.fired). Everything named must exist in the workspace.',
    example: {
      name: 'Urgent to Support',
      position: 0,
      active: true,
      event: 'ticket.created',
      conditions: [{ field: 'subject', op: 'contains', value: 'فوری' }],
      actions: [
        { kind: 'set_priority', priority: 'urgent' },
        { kind: 'add_note', text: 'Raised by a trigger for #{{ticket.number}}' },
      ],
    },
  },
  'PATCH /triggers/:id': {
    operationId: 'updateTrigger',
    summary: 'Change a trigger',
    description: 'Admins. Only what is sent changes; reordering sends position alone.',
  },
  'DELETE /triggers/:id': {
    operationId: 'deleteTrigger',
    summary: 'Remove a trigger',
    description: 'Admins. Its runs stay in the log under its name.',
  },
  'GET /triggers/:id/runs': {
    operationId: 'listTriggerRuns',
    summary: 'A trigger’s run log',
    description:
      'Admins. Newest first: fired (with the actions done), failed (with the reason; nothing of it was kept) and loop_stopped (fired already in the chain, or the chain reached depth 5).',
  },
  'GET /trigger-runs': {
    operationId: 'listTicketTriggerRuns',
    summary: 'Trigger runs on a ticket',
    description: 'Admins. Every trigger’s runs on the ticket ticketNumber, newest first.',
  },
};
