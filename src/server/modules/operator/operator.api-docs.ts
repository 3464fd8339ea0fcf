import type { ApiDocs } from '../../platform/http/api-docs';

const who =
  'The platform operator only (cloud mode with OPERATOR_USERNAME/OPERATOR_PASSWORD set; otherwise 404): the `pishkhan_operator` cookie of POST /operator/login (writes also send its CSRF token in `x-csrf-token`), or HTTP Basic auth with the operator’s credentials for scripts (no CSRF token). Wrong Basic credentials count towards the sign-in lock-out.';

/** The OpenAPI texts of the operator's console (platform/http/api-docs.ts). */
export const operatorApiDocs: ApiDocs = {
  'POST /operator/login': {
    operationId: 'operatorLogin',
    summary: 'Sign the platform operator in',
    description:
      'Public; 404 unless cloud mode is on and the operator is configured. Compares username and password with OPERATOR_USERNAME/OPERATOR_PASSWORD in constant time and sets the `pishkhan_operator` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS; sent only to /api/v1/operator) for 8 hours, however active. Answers the username and the CSRF token that writes send in `x-csrf-token`. Wrong credentials answer 401; 10 failures from one address lock it out for 15 minutes, and more than 20 tries in 10 minutes are refused — both 429 with Retry-After.',
    errors: [401, 404, 429],
    example: { username: 'operator', password: 'a-long-operator-password' },
  },
  'POST /operator/logout': {
    operationId: 'operatorLogout',
    summary: 'Sign the platform operator out',
    description: `${who} Ends every cookie sign-in of the operator (in every browser) and clears the cookie. Basic auth keeps working.`,
    errors: [404],
  },
  'GET /operator/session': {
    operationId: 'getOperatorSession',
    summary: 'Get the operator’s session',
    description: `${who} Answers the operator’s username and the CSRF token of the cookie sign-in (empty with Basic auth); 401 when not signed in.`,
    errors: [404],
  },
  'GET /operator/workspaces': {
    operationId: 'listOperatorWorkspaces',
    summary: 'List every workspace',
    description: `${who} Every workspace of the platform, newest first, paged: slug, name, the owner’s mobile, plan, subscription state (trial, active, grace, expired, suspended; null without a subscription) and end, usage (active agents and admins, active customers, active departments, tickets), revenue (toman of paid payments of both purposes) and SMS credit balance. \`q\` matches the slug, the name or the owner’s mobile; \`state\` keeps one state. \`totals\` counts the workspaces matching and their revenue.`,
    errors: [404],
  },
  'POST /operator/workspaces/:id/suspend': {
    operationId: 'suspendWorkspace',
    summary: 'Suspend a workspace',
    description: `${who} Suspends the workspace with an optional note: its people get 503 \`suspended\` until it is resumed. Written to the workspace’s audit log with the operator’s name. 409 for a workspace without a subscription.`,
    errors: [409],
    example: { note: 'Abuse report 1404-12' },
  },
  'POST /operator/workspaces/:id/resume': {
    operationId: 'resumeWorkspace',
    summary: 'Resume a suspended workspace',
    description: `${who} Lifts the operator’s suspension (and its note). Written to the workspace’s audit log. 409 for a workspace without a subscription.`,
    errors: [409],
  },
  'POST /operator/workspaces/:id/credit': {
    operationId: 'grantWorkspaceCredit',
    summary: 'Add SMS credit to a workspace',
    description: `${who} Adds amount toman (1 to 10^12) to the workspace’s SMS credit as a grant with the note, in its ledger (reference \`operator:<username>\`) and audit log. Answers the workspace’s credit as its GET /billing/credit does. A balance that would pass 10^15 is refused with 400.`,
    example: { amount: 200000, note: 'Compensation for the outage of 1404-09-12' },
  },
  'GET /operator/plans': {
    operationId: 'listOperatorPlans',
    summary: 'List every plan',
    description: `${who} Every plan, inactive ones too, in display order (position, then id): names, limits (null is unlimited), prices per number of months, trial and its days.`,
    errors: [404],
  },
  'POST /operator/plans': {
    operationId: 'createPlan',
    summary: 'Create a plan',
    description: `${who} A new plan: Persian and English names, limits of agents, customers and departments (null is unlimited), prices (toman per period of \`months\`; one price per number of months), trial and trial days, active, position. At most one active plan may be the trial: a second is refused with 409. Logged with the operator’s name.`,
    errors: [404, 409],
    example: {
      name: 'پایه',
      nameEn: 'Basic',
      limits: { agents: 5, customers: null, departments: 3 },
      prices: [
        { months: 1, amount: 500000 },
        { months: 12, amount: 5000000 },
      ],
    },
  },
  'PATCH /operator/plans/:id': {
    operationId: 'updatePlan',
    summary: 'Change a plan',
    description: `${who} Changes only the fields sent (\`limits\` and \`prices\` are replaced whole). Plans are never deleted — subscriptions and payments refer to them — but made inactive, and then no longer offered. A second active trial plan is refused with 409.`,
    errors: [409],
    example: { active: false },
  },
  'PATCH /operator/plans': {
    operationId: 'updatePlanById',
    summary: 'Change a plan (id in the body)',
    description: `${who} The same as PATCH /operator/plans/{id}, with the plan's \`id\` in the body beside the fields to change. 404 for an unknown plan; a second active trial plan is refused with 409.`,
    errors: [404, 409],
    example: { id: '2', active: false },
  },
  'GET /operator/settings': {
    operationId: 'getPlatformSettings',
    summary: 'Get the platform settings',
    description: `${who} The platform’s settings: smsPrice (toman per SMS part), graceDays after a plan ends during which the workspace stays writable, reminderDays before the end, and the message shown while a workspace is read-only.`,
    errors: [404],
  },
  'PATCH /operator/settings': {
    operationId: 'updatePlatformSettings',
    summary: 'Change the platform settings',
    description: `${who} Changes only the fields sent; logged with the operator’s name.`,
    errors: [404],
    example: { graceDays: 7, reminderDays: [7, 1] },
  },
  'GET /operator/payments': {
    operationId: 'listOperatorPayments',
    summary: 'List every online payment',
    description: `${who} Online payments of every workspace (or of \`workspaceId\`), newest first, paged: purpose (credit or subscription), amount in toman, state, Zarinpal’s reference and masked card once paid, and the workspace’s id and slug.`,
    errors: [404],
  },
};
