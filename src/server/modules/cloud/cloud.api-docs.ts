import type { ApiDocs, TagDoc } from '../../platform/http/api-docs';

const who =
  'Cloud mode only (404 in a self-hosted install). Needs the billing.manage permission (administrators hold it).';

/** The OpenAPI texts of the cloud module's operations (platform/http/api-docs.ts). */
export const cloudApiDocs: ApiDocs = {
  'GET /billing/plans': {
    operationId: 'listPlans',
    summary: 'List the plans on offer',
    description: `${who} The platform's active plans in the operator's order: names (Persian and English), limits of agents (active admins and agents), customers and departments (null is unlimited), prices per period in toman, and which one is the free trial new workspaces start on.`,
  },
  'GET /billing/subscription': {
    operationId: 'getSubscription',
    summary: "Get the workspace's subscription",
    description: `${who} The plan, its state computed from the clock — trial or active before endsAt, grace until graceEndsAt (still writable, show a banner), expired after it (read-only: writes answer 402 subscription_expired, except sign-in and billing), suspended by the operator — and the usage counted against the limits. suspensionMessage is the text to show while expired or suspended. A workspace made before cloud mode was turned on has no limits and never ends.`,
  },
};

export const cloudApiTag: TagDoc = {
  name: 'subscription',
  description:
    'Cloud mode: the plans on offer, the workspace’s subscription with its state and usage, and buying or renewing a plan.',
};
