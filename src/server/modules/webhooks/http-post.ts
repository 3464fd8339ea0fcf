import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AppDeps } from '../../platform/context';
import { resolveTarget, TargetNotAllowed } from '../../platform/net-guard';

/** The whole request — connect, send, answer — gets this long. */
export const TIMEOUT_MS = 10_000;
/** Of the answer's body at most this much is read (and then dropped: it is not stored). */
const MAX_ANSWER_BYTES = 1024;
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * How an attempt went. `error` is a short code the admin's delivery log translates, with the
 * cause after a colon where there is one: `status:<code>`, `blocked` (a private or reserved
 * address), `http_not_allowed`, `dns:<code>`, `network:<code>`, `timeout`.
 */
export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export type WebhookTargetDeps = Pick<AppDeps, 'config'>;

/** Whether plain http is allowed for webhooks here (WEBHOOKS_ALLOW_HTTP, or a development/test install). */
export const httpAllowed = (deps: WebhookTargetDeps) => deps.config.webhooks.allowHttp;

/**
 * POSTs `body` to `url` with `headers`: the host is looked up once and checked by the outbound
 * guard (private, loopback, link-local, ULA… refused unless WEBHOOKS_ALLOW_PRIVATE=true), the
 * connection goes to the checked address, redirects are not followed (a 3xx is a failure), and
 * the whole exchange is cut after TIMEOUT_MS. Never throws.
 */
export async function postWebhook(
  deps: WebhookTargetDeps,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<PostResult> {
  const fail = (error: string, status: number | null = null): PostResult => ({ ok: false, status, error });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail('network:bad_url');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && httpAllowed(deps))) return fail('http_not_allowed');
  let target: { address: string; family: 4 | 6 };
  try {
    target = await resolveTarget(u.hostname, { allowPrivate: deps.config.webhooks.allowPrivate, timeoutMs: 5_000 });
  } catch (e) {
    if (e instanceof TargetNotAllowed) return fail('blocked');
    return fail(`dns:${codeOf(e)}`);
  }
  try {
    const status = await send(u, target, { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body);
    return status >= 200 && status < 300 ? { ok: true, status, error: null } : fail(`status:${status}`, status);
  } catch (e) {
    return fail(codeOf(e) === 'ETIMEDOUT' ? 'timeout' : `network:${codeOf(e)}`);
  }
}

function send(
  url: URL,
  target: { address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  const https = url.protocol === 'https:';
  // Connect to the address the guard checked, never through a second lookup (DNS rebinding).
  const lookup: LookupFunction = (_host, options, callback) =>
    options?.all
      ? callback(null, [{ address: target.address, family: target.family }])
      : callback(null, target.address, target.family);
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers, lookup, agent: https ? agents.https : agents.http },
      (res) => {
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // Enough to know it answered; the rest is not waited for.
          if (size > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      TIMEOUT_MS,
    );
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

const codeOf = (e: unknown) =>
  String((e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? 'error')
    .replace(/[^\w.-]+/g, '_')
    .slice(0, 60);
