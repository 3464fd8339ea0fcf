import type { TChannel } from '../../../contracts/notifications';
import type { Locale } from '../../platform/i18n';

/** Tries of one delivery before it is given up (`failed`). */
export const MAX_ATTEMPTS = 5;

/** The message of a delivery, sealed in its row until sent. */
export type DeliveryPayload =
  | {
      kind: 'email';
      locale: Locale;
      subject: string;
      text: string;
      url: string | null;
      number: number;
      departmentId: number;
    }
  | { kind: 'sms'; text: string }
  | { kind: 'push'; title: string; body: string; url: string | null; tag: string };

/** A delivery as a channel sends it. */
export interface DeliveryRow {
  id: number;
  workspaceId: number;
  channel: TChannel;
  userId: number | null;
  to: string;
  ticketNumber: number | null;
  attempts: number;
  price: number | null;
  payload: DeliveryPayload;
}

/** What a channel made of one delivery. `retry`: try again later (a timeout, a 5xx). */
export type Outcome =
  | { status: 'sent' | 'delivered'; provider?: string; providerRef?: string | null; to?: string }
  | { status: 'failed' | 'skipped' | 'retry'; reason: string };
