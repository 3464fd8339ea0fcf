import type { Ctx } from '../../platform/context';
import { createSmsClient, type SmsClient } from './sms';
import type { SmsAccount } from './sms/types';
import { smsLogFile } from './sms-channel-file';

/**
 * The client of an account. The `log` provider is the app's own SMS outbox (`deps.sms`:
 * DATA_DIR/outbox/sms.log, or memory in tests), so development and tests read every message
 * the same way whatever sent it.
 */
export function smsClientFor(
  ctx: Pick<Ctx, 'deps'>,
  account: SmsAccount,
  opts: { timeoutMs?: number; retries?: number } = {},
): SmsClient {
  if (account.provider === 'log')
    return {
      provider: 'log',
      async send(to, text) {
        await ctx.deps.sms.send(to, text);
        return { ok: true, providerRef: null };
      },
      async status() {
        return new Map();
      },
    };
  return createSmsClient(account, { logFile: smsLogFile(ctx), ...opts });
}
