import type { ApiDocs } from '../../platform/http/api-docs';

const SETIRAN_WORKFLOW = {
  initial: 'new',
  statuses: [
    { key: 'new', name: 'اعلام مبلغ درخواستی', customerLabel: '', category: 'open' },
    { key: 'invoice_requested', name: 'دریافت فاکتور از شرکت', customerLabel: '', category: 'pending' },
    { key: 'escalated', name: 'پیگیری واحد فناوری اطلاعات', customerLabel: '', category: 'open' },
  ],
  transitions: [
    {
      id: 'request_invoice',
      name: 'صدور فاکتور',
      from: ['new'],
      to: 'invoice_requested',
      who: 'requester',
      timer: { workingMinutes: 4320, onExpiry: 'no_invoice' },
    },
    {
      id: 'no_invoice',
      name: 'عدم صدور فاکتور تا ۷۲ ساعت کاری',
      from: ['invoice_requested'],
      to: 'escalated',
      who: 'requester',
      actions: [{ kind: 'transfer', departmentId: '3' }],
    },
  ],
};

/** The OpenAPI texts of the service catalogue's operations (platform/http/api-docs.ts). */
export const catalogueApiDocs: ApiDocs = {
  'GET /desks': {
    operationId: 'listDesks',
    summary: 'List service desks',
    description: 'Signed in. Staff see every desk; requesters the visible ones. Ordered by position. Paged.',
  },
  'POST /desks': {
    operationId: 'createDesk',
    summary: 'Create a service desk',
    description:
      'Needs catalog.manage. key is 2–10 letters A–Z (upper-cased), unique in the workspace: it prefixes the keys of the desk’s requests (SETIRAN-30), numbered per desk. departmentId is where its requests go unless a request type names another.',
    example: { key: 'SETIRAN', name: 'شارژ پنل پیامکی', description: '', departmentId: '2', visible: true },
  },
  'GET /desks/:id': {
    operationId: 'getDesk',
    summary: 'Get a service desk',
    description: 'Signed in; a hidden desk only for staff.',
  },
  'PATCH /desks/:id': {
    operationId: 'updateDesk',
    summary: 'Change a service desk',
    description:
      'Needs catalog.manage. The key may change only while the desk has no requests (keys given out keep working).',
  },
  'DELETE /desks/:id': {
    operationId: 'deleteDesk',
    summary: 'Remove a service desk',
    description:
      'Needs catalog.manage. Refused (409) while the desk has requests — hide it instead; removes its request types.',
  },
  'GET /desks/:id/request-types': {
    operationId: 'listRequestTypes',
    summary: 'List a desk’s request types',
    description:
      'Signed in. Staff see all; requesters the visible ones of a visible desk. Each with its form fields and workflow.',
  },
  'POST /desks/:id/request-types': {
    operationId: 'createRequestType',
    summary: 'Create a request type',
    description:
      'Needs catalog.manage. fields: the form (kinds text, longtext, number, money, phone, mobile, email, select (with options), orgUnit, date, priority; required; help). workflow: statuses (key, name, customerLabel, category open|pending|closed), the initial status, transitions (from statuses, to, who requester|agent|department, needsComment, needsAttachment, timer in working minutes whose expiry takes another transition starting where this one leads, actions transfer|sms|notify). Every reference is checked; errors name their path (workflow.transitions.0.timer.onExpiry).',
    example: {
      name: 'درخواست شارژ مبلغ پنل پیامکی',
      defaultPriority: 'medium',
      fields: [
        { key: 'amount', label: 'مبلغ به تومان', kind: 'money', required: true, help: 'مبلغی که می‌خواهید شارژ شود' },
        { key: 'unit', label: 'واحد سازمانی', kind: 'orgUnit', required: true, help: '' },
      ],
      workflow: SETIRAN_WORKFLOW,
    },
  },
  'GET /request-types/:id': {
    operationId: 'getRequestType',
    summary: 'Get a request type',
    description: 'Signed in; for requesters only a visible one of a visible desk.',
  },
  'PATCH /request-types/:id': {
    operationId: 'updateRequestType',
    summary: 'Change a request type',
    description:
      'Needs catalog.manage. A new workflow may not drop a status that requests are in (validation.status_in_use names it and how many).',
  },
  'DELETE /request-types/:id': {
    operationId: 'deleteRequestType',
    summary: 'Remove a request type',
    description: 'Needs catalog.manage. No new requests of it; its requests keep their form, values and workflow.',
  },
  'POST /requests': {
    operationId: 'createRequest',
    summary: 'Make a request',
    description:
      'Signed in (the caller is the requester). values by field key, each checked by its kind (Persian digits and thousands separators accepted in numbers; orgUnit by id; mobile normalised); errors per field under values.<key>. Answers the ticket, with its key (SETIRAN-31), values, workflow status, the transitions the caller may take, and running timers.',
    example: { requestTypeId: '4', values: { fullName: 'نیلوفر زعفرانی', unit: '7', amount: '۱۰٬۰۰۰٬۰۰۰' } },
  },
  'GET /requests': {
    operationId: 'listMyRequests',
    summary: 'My requests',
    description:
      'Signed in. The caller’s desk requests, newest first — a customer’s own and those shared with them; staff’s own — filtered by requestTypeId and deskId. Items carry key, requestType and workflowStatus.',
  },
  'POST /tickets/:number/transitions/:transitionId': {
    operationId: 'takeTransition',
    summary: 'Take a workflow transition',
    description:
      'Signed in. :number is the ticket’s number or key. Refused with invalid (nothing changed) when the transition does not start from the current status (fields.transitionId), the caller is not its who, or a needed comment or attachment is missing (fields.comment, fields.attachmentIds). The step, its actor and its comment go into the thread and the event log; actions run; timers start over.',
    example: { comment: 'فاکتور پرداخت شد', attachmentIds: ['up_…'] },
  },
};
