import { appendFile, chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SmsClient, SmsSendResult } from './types';

/**
 * The `log` provider: no vendor, each message appended to a file as one JSON line
 * `{ at, to, text }`. The app passes DATA_DIR/outbox/sms.log. The file is the operator's only
 * (0600) and the text never goes to the application log: it carries one-time codes.
 */
export function logSmsClient(file: string): SmsClient {
  return {
    provider: 'log',
    async send(to, text): Promise<SmsSendResult> {
      try {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), to, text })}\n`, { mode: 0o600 });
        // `mode` applies only when the file is created; an older, wider file is narrowed too.
        await chmod(file, 0o600);
        return { ok: true, providerRef: null };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        return { ok: false, code: 'unavailable', retryable: true, message: `could not write the SMS log (${code})` };
      }
    },
    async status() {
      return new Map();
    },
  };
}
