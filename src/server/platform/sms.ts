import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Sends SMS. Real gateways (Kavenegar, SMS.ir, Ghasedak, Melipayamak) are small HTTPS clients
 * behind this interface; without one, messages go to DATA_DIR/outbox/sms.log, readable only by
 * the operator — never to the application log, since they carry one-time codes.
 */
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

export function outboxSms(dir: string): SmsGateway {
  return {
    async send(to, text) {
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, 'sms.log'), `${JSON.stringify({ at: new Date().toISOString(), to, text })}\n`, {
        mode: 0o600,
      });
    },
  };
}

/** Keeps messages in memory; for tests. */
export function memorySms(): SmsGateway & { sent: { to: string; text: string }[] } {
  const sent: { to: string; text: string }[] = [];
  return {
    sent,
    async send(to, text) {
      sent.push({ to, text });
    },
  };
}
