import type { ApiDocs, TagDoc } from '../../platform/http/api-docs';

const ADMIN = 'Admins only.';
const SECRET =
  'The signing secret (whsec_ and base64, Standard Webhooks) is in this answer only; later answers say hasSecret.';

export const webhooksApiTag: TagDoc = {
  name: 'webhooks',
  description:
    'Webhooks: HTTP endpoints told of ticket, message, SLA and satisfaction events, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), retried with backoff, with a delivery log.',
};

/** The OpenAPI texts of the webhooks' operations (platform/http/api-docs.ts). */
export const webhooksApiDocs: ApiDocs = {
  'GET /webhooks': {
    operationId: 'listWebhooks',
    summary: 'List webhooks',
    description: `${ADMIN} The workspace's webhooks, oldest first, paginated. Never the signing secret: hasSecret, and previousSecretExpiresAt while a rotated-out secret still signs.`,
  },
  'POST /webhooks': {
    operationId: 'createWebhook',
    summary: 'Add a webhook',
    description: `${ADMIN} url must be https (http only where the server allows it: WEBHOOKS_ALLOW_HTTP, or a development/test install) and resolve to public addresses (private, loopback, link-local and unique-local ones need WEBHOOKS_ALLOW_PRIVATE=true); otherwise 400. events: ticket.created, ticket.updated, message.created (replies and internal notes; data.message.kind says which), sla.warning, sla.breached, csat.answered. Each event is POSTed as {type, timestamp, data} with the headers webhook-id, webhook-timestamp and webhook-signature. ${SECRET}`,
    errors: [400],
    example: {
      url: 'https://hooks.example.ir/pishkhan',
      events: ['ticket.created', 'message.created'],
      active: true,
      description: 'سامانهٔ گزارش‌گیری',
    },
  },
  'GET /webhooks/:id': {
    operationId: 'getWebhook',
    summary: 'Get a webhook',
    description: `${ADMIN} One webhook, without its secret.`,
    errors: [404],
  },
  'PATCH /webhooks/:id': {
    operationId: 'updateWebhook',
    summary: 'Change a webhook',
    description: `${ADMIN} Only the fields sent change; a new url is checked as when adding. An inactive webhook gets nothing, and its pending deliveries end as failed.`,
    errors: [400, 404],
    example: { active: false },
  },
  'DELETE /webhooks/:id': {
    operationId: 'deleteWebhook',
    summary: 'Remove a webhook',
    description: `${ADMIN} Removes the webhook and its delivery log; nothing more is sent to it.`,
    errors: [404],
  },
  'POST /webhooks/:id/rotate-secret': {
    operationId: 'rotateWebhookSecret',
    summary: 'Rotate the signing secret',
    description: `${ADMIN} Makes a new secret. For 24 hours the previous one signs too: webhook-signature then carries two space-separated v1, signatures, so the receiver can switch at its pace. ${SECRET}`,
    errors: [404],
  },
  'POST /webhooks/:id/test': {
    operationId: 'testWebhook',
    summary: 'Send a test event',
    description: `${ADMIN} Queues a ping event (data: webhookId, url) to this webhook; it shows in the delivery log. 409 when the webhook is inactive.`,
    errors: [404, 409],
  },
  'GET /webhooks/:id/deliveries': {
    operationId: 'listWebhookDeliveries',
    summary: 'List a webhook’s deliveries',
    description: `${ADMIN} Newest first, paginated, kept 30 days: event, status (pending, succeeded, failed), attempts, the last attempt's status code, error code and duration, when it was made and delivered, and the next planned attempt. Attempts follow the Standard Webhooks schedule: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h.`,
    errors: [404],
  },
  'POST /webhooks/:id/deliveries/:deliveryId/retry': {
    operationId: 'retryWebhookDelivery',
    summary: 'Send a delivery again',
    description: `${ADMIN} Sends a failed or pending delivery again now, with the same webhook-id. 409 when it already succeeded or the webhook is inactive.`,
    errors: [404, 409],
  },
};
