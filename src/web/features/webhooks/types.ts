import type { ItemOf, ResponseOf } from '../../app/api';

export type Webhook = ItemOf<'listWebhooks'>;
export type WebhookWithSecret = ResponseOf<'createWebhook'>;
export type WebhookDelivery = ItemOf<'listWebhookDeliveries'>;

/** The events a webhook may subscribe to (the server's WEBHOOK_EVENTS), in the order the form shows them. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.warning',
  'sla.breached',
  'csat.answered',
] as const;

/** The translation key of an event's name (`ping` included). */
export const eventKey = (event: string) => `admin.webhooks.event_${event.replace('.', '_')}`;

/**
 * A delivery's last error in words: the server records a code (`status:500`, `blocked`,
 * `timeout`, `dns:ENOTFOUND`, `network:ECONNREFUSED`, `http_not_allowed`, `inactive`).
 */
export function errorText(t: (k: string, o?: Record<string, unknown>) => string, error: string): string {
  const [code, detail] = error.split(/:(.*)/s);
  switch (code) {
    case 'status':
      return t('admin.webhooks.error_status', { code: detail });
    case 'dns':
    case 'network':
      return t(`admin.webhooks.error_${code}`, { detail });
    case 'blocked':
    case 'timeout':
    case 'http_not_allowed':
    case 'inactive':
      return t(`admin.webhooks.error_${code}`);
    default:
      return error;
  }
}
