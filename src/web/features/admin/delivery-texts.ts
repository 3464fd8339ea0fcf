import type { TFunction } from 'i18next';
import type { TNotificationEvent } from '../../../contracts/notifications';

/** Every status of a delivery (contracts/notifications.ts), in the order of its life. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_CHANNELS = ['email', 'sms', 'push'] as const;

export const STATUS_COLORS: Record<DeliveryStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  queued: 'info',
  sent: 'success',
  delivered: 'success',
  failed: 'error',
  skipped: 'warning',
};

/**
 * Why a delivery was skipped or failed, as the server records it: the engine's reasons (filter,
 * no credit, no address, no push subscription…) and the SMS vendors' codes (invalid key…).
 */
const REASONS = new Set([
  'filter',
  'no_credit',
  'no_address',
  'no_subscription',
  'invalid_key',
  'no_vendor_credit',
  'invalid_number',
  'invalid_sender',
  'rejected',
  'unavailable',
  'timeout',
  'error',
  'unreadable',
  'push_refused',
  'push_unavailable',
  'smtp_unavailable',
]);

/** A reason in words; an SMTP answer code (`smtp_550`) with its number; anything else as it came. */
export function reasonText(t: TFunction, reason: string): string {
  if (REASONS.has(reason)) return t(`admin.deliveries.reason.${reason}`);
  const smtp = /^smtp_(\d{3})$/.exec(reason);
  if (smtp) return t('admin.deliveries.smtpCode', { code: smtp[1] });
  return reason;
}

/**
 * Notification events (every one: the type checks the list is complete), and the messages sent
 * outside notifications (the admin's test, sign-in and contact codes, the admin's sign-in link).
 */
const KNOWN: Record<TNotificationEvent | 'test' | 'otp' | 'contact_code' | 'admin_link', true> = {
  ticketCreated: true,
  customerReplied: true,
  agentReplied: true,
  assigned: true,
  transferred: true,
  mentioned: true,
  slaWarning: true,
  slaBreached: true,
  statusChanged: true,
  test: true,
  otp: true,
  contact_code: true,
  admin_link: true,
};
const EVENTS = new Set(Object.keys(KNOWN));

/** What a delivery was about: a notification event, a test message, or the server's own name for it. */
export const eventText = (t: TFunction, event: string): string =>
  EVENTS.has(event) ? t(`admin.deliveries.event.${event}`) : event;
