import { z } from 'zod';
import { ZIdParam, ZPageQuery, patchOf } from './common';

/**
 * Webhooks (K10, issue 20): a workspace's HTTP endpoints for chosen events, signed per Standard
 * Webhooks (https://www.standardwebhooks.com). The signing secret (`whsec_<base64>`) is shown
 * once — in the answer that makes or rotates it — and is otherwise only `hasSecret`.
 */

/** The events a webhook may subscribe to. `ping` (the test button) goes to one webhook only. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.warning',
  'sla.breached',
  'csat.answered',
] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS, { error: 'validation.webhook_event' });

/** An absolute http(s) URL without credentials; whether http or a private host is allowed is the server's rule. */
const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000, 'validation.webhook_url')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'validation.webhook_url');

export const ZCreateWebhook = z.object({
  url: ZWebhookUrl,
  events: z
    .array(ZWebhookEvent)
    .min(1, 'validation.webhook_events')
    .max(WEBHOOK_EVENTS.length)
    .transform((v) => [...new Set(v)]),
  active: z.boolean().default(true),
  description: z.string().trim().max(500).default(''),
});
export type TCreateWebhook = z.infer<typeof ZCreateWebhook>;

export const ZUpdateWebhook = patchOf(ZCreateWebhook);
export type TUpdateWebhook = z.infer<typeof ZUpdateWebhook>;

/** What leaves the server: never the secret, only that there is one (and until when an old one still signs). */
export const ZWebhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  description: z.string(),
  hasSecret: z.boolean(),
  /** After a rotation: until when the previous secret also signs (a second `v1,` signature); else null. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TWebhook = z.infer<typeof ZWebhook>;

/** The answer of POST /webhooks and …/rotate-secret: the webhook and its new secret, shown this once. */
export const ZWebhookWithSecret = ZWebhook.extend({ secret: z.string() });
export type TWebhookWithSecret = z.infer<typeof ZWebhookWithSecret>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const ZWebhookDelivery = z.object({
  id: z.string(),
  /** The `webhook-id` header: the same on every attempt. */
  messageId: z.string(),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryQuery = ZPageQuery;

export const ZWebhookDeliveryParams = z.object({ id: ZIdParam, deliveryId: ZIdParam });

/** The answer of …/test: the ping's delivery is queued. */
export const ZWebhookTestResult = z.object({ queued: z.boolean() });
