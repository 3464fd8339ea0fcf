import {
  DEFAULT_RETRIES,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  SmsStatusError,
  checkedMobile,
  invalidNumber,
  refused,
} from './http';
import type { SmsHttpOptions } from './http';
import { GHASEDAK_URL, ghasedakClient } from './ghasedak';
import { KAVENEGAR_URL, kavenegarClient } from './kavenegar';
import { logSmsClient } from './log-client';
import { MELIPAYAMAK_URL, melipayamakClient } from './melipayamak';
import { SMSIR_URL, smsirClient } from './smsir';
import type { SmsAccount, SmsClient, SmsProvider } from './types';

/**
 * SMS vendor clients (G3): one `SmsClient` per account, built by `createSmsClient`. Each client
 * follows its vendor's published HTTP API (see the comment at the top of its file); numbers are
 * checked here before any vendor is called.
 */
export * from './types';
export { smsParts, type SmsParts } from './parts';
export { SmsStatusError } from './http';

export interface SmsClientOptions {
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Per try; default 10 s. */
  timeoutMs?: number;
  /** Where the `log` provider appends its lines (the app passes DATA_DIR/outbox/sms.log). */
  logFile?: string;
  /** Further tries after timeouts, network errors and 5xx; default 2. */
  retries?: number;
  /** Pause before the first retry, doubled after; default 500 ms. */
  retryDelayMs?: number;
}

const DEFAULT_URLS = {
  kavenegar: KAVENEGAR_URL,
  smsir: SMSIR_URL,
  melipayamak: MELIPAYAMAK_URL,
  ghasedak: GHASEDAK_URL,
} as const;

const ENV_NAMES = {
  kavenegar: 'SMS_KAVENEGAR_URL',
  smsir: 'SMS_SMSIR_URL',
  melipayamak: 'SMS_MELIPAYAMAK_URL',
  ghasedak: 'SMS_GHASEDAK_URL',
} as const;

/** The vendor address set in the environment (SMS_<VENDOR>_URL), for tests and proxies. */
export function smsBaseUrlFromEnv(
  provider: SmsProvider,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (provider === 'log') return undefined;
  const value = env[ENV_NAMES[provider]]?.trim();
  return value ? value : undefined;
}

export function createSmsClient(account: SmsAccount, opts: SmsClientOptions = {}): SmsClient {
  const secrets = [account.apiKey, account.password].filter((s): s is string => !!s);
  const http: SmsHttpOptions = {
    fetch: opts.fetch ?? fetch,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: Math.max(0, opts.retries ?? DEFAULT_RETRIES),
    retryDelayMs: Math.max(0, opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS),
    secrets,
  };
  const sender = account.sender.trim();
  const provider = account.provider;

  let inner: SmsClient | null;
  if (provider === 'log') {
    if (!opts.logFile) throw new Error('the log SMS provider needs a logFile');
    inner = logSmsClient(opts.logFile);
  } else {
    const base = account.baseUrl || DEFAULT_URLS[provider];
    const key = account.apiKey ?? '';
    if (provider === 'kavenegar') inner = key ? kavenegarClient(key, sender, base, http) : null;
    else if (provider === 'smsir') inner = key ? smsirClient(key, sender, base, http) : null;
    else if (provider === 'ghasedak') inner = key ? ghasedakClient(key, sender, base, http) : null;
    else
      inner =
        account.username && account.password
          ? melipayamakClient(account.username, account.password, sender, base, http)
          : null;
  }

  return {
    provider,
    async send(to, text) {
      const mobile = checkedMobile(to);
      if (!mobile) return invalidNumber(to);
      // No credentials: the vendor would only say so; it is not asked.
      if (!inner) return refused('invalid_key', `no credentials for ${provider}`, secrets);
      return inner.send(mobile, text);
    },
    async status(refs) {
      if (refs.length === 0) return new Map();
      if (!inner) throw new SmsStatusError('invalid_key', `no credentials for ${provider}`);
      return inner.status([...new Set(refs)]);
    },
  };
}
