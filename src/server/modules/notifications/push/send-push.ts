import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import webpush from 'web-push';
import type { AppDeps } from '../../../platform/context';
import { resolveTarget, TargetNotAllowed } from '../../../platform/net-guard';
import { vapidKeys } from './vapid';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushOptions {
  /** Seconds the push service keeps the message for an offline browser (default 24 h). */
  ttl?: number;
  urgency?: 'normal' | 'high';
}

export type PushResult =
  | { ok: true }
  | {
      ok: false;
      /** The subscription is gone (404/410): the caller deletes it (deleteGoneSubscription). */
      gone: boolean;
      /** Worth trying again later (429, 5xx, network); `retryAfter` in seconds when the service said. */
      retryable: boolean;
      status?: number;
      retryAfter?: number;
      /** Names the push service's host and what went wrong; never the endpoint's path or a key. */
      message: string;
    };

type Deps = Pick<AppDeps, 'config' | 'database'>;

const DAY_S = 86_400;
/** The payload's JSON at most (RFC 8291 leaves ~4 KB for it; services differ a little). */
export const MAX_PAYLOAD_BYTES = 3072;
const TIMEOUT_MS = 10_000;
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * Sends one encrypted Web Push message (RFC 8291 aes128gcm, VAPID RFC 8292) with `web-push`'s
 * request details, over our own request so that the push service's address passes the outbound
 * guard (platform/net-guard.ts, as mail servers do) and the connection goes to the checked
 * address. A failed delivery is an answer saying whether to retry or forget, never an exception;
 * only a database failure while reading the VAPID keys throws.
 */
export async function sendPush(
  deps: Deps,
  sub: PushTarget,
  payload: object,
  opts: PushOptions = {},
): Promise<PushResult> {
  const fail = (message: string, more: Partial<Extract<PushResult, { ok: false }>> = {}): PushResult => ({
    ok: false,
    gone: false,
    retryable: false,
    message,
    ...more,
  });
  const allowPrivate = deps.config.allowPrivateNetworkTargets;
  let url: URL;
  try {
    url = new URL(sub.endpoint);
  } catch {
    return fail('the endpoint is not a URL');
  }
  const host = url.hostname;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate))
    return fail(`push service ${host}: the endpoint is not https`);
  const body = fitPayload(payload);
  if (!body) return fail(`the payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);

  let target: { address: string; family: 4 | 6 };
  try {
    target = await resolveTarget(host, { allowPrivate, timeoutMs: 5_000 });
  } catch (e) {
    if (e instanceof TargetNotAllowed) return fail(`push service ${host} is a local, private or reserved address`);
    return fail(`push service ${host}: name lookup failed (${codeOf(e)})`, { retryable: true });
  }

  const keys = await vapidKeys(deps);
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      body,
      {
        vapidDetails: keys,
        TTL: opts.ttl ?? DAY_S,
        urgency: opts.urgency ?? 'normal',
        contentEncoding: 'aes128gcm',
      },
    );
  } catch (e) {
    // Bad subscription keys; web-push's messages name neither our key nor theirs.
    return fail(`the subscription cannot be encrypted to (${(e as Error).message.slice(0, 120)})`);
  }

  let res: { status: number; headers: IncomingMessage['headers']; text: string };
  try {
    res = await post(url, target, details.headers, details.body);
  } catch (e) {
    return fail(`push service ${host}: ${codeOf(e)}`, { retryable: true });
  }
  const { status } = res;
  if (status >= 200 && status < 300) return { ok: true };
  const message = `push service ${host} answered ${status}${res.text ? `: ${clean(res.text)}` : ''}`;
  if (status === 404 || status === 410) return fail(message, { gone: true, status });
  if (status === 429 || status >= 500) {
    const after = Number(res.headers['retry-after']);
    return fail(message, { retryable: true, status, ...(after > 0 ? { retryAfter: Math.ceil(after) } : {}) });
  }
  return fail(message, { status });
}

/** The payload as JSON within MAX_PAYLOAD_BYTES, shortening a long `body` text; null when it cannot fit. */
export function fitPayload(payload: object): string | null {
  const fits = (json: string) => Buffer.byteLength(json) <= MAX_PAYLOAD_BYTES;
  const whole = JSON.stringify(payload);
  if (fits(whole)) return whole;
  const text = (payload as { body?: unknown }).body;
  if (typeof text !== 'string') return null;
  // The longest prefix of the body (in code points, marked as cut) that fits.
  const chars = [...text];
  const cut = (n: number) => JSON.stringify({ ...payload, body: chars.slice(0, n).join('') + '…' });
  if (!fits(cut(0))) return null;
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(cut(mid))) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

function post(
  url: URL,
  target: { address: string; family: 4 | 6 },
  headers: Record<string, string | number>,
  body: Buffer | null,
): Promise<{ status: number; headers: IncomingMessage['headers']; text: string }> {
  const https = url.protocol === 'https:';
  // Connect to the address the guard checked, never through a second lookup (DNS rebinding).
  const lookup: LookupFunction = (_host, options, callback) =>
    options?.all
      ? callback(null, [{ address: target.address, family: target.family }])
      : callback(null, target.address, target.family);
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers, lookup, agent: https ? agents.https : agents.http, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message?.slice(0, 80) ?? 'error';
const clean = (text: string) =>
  text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 200);
