import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { transportMailer, type Mailer } from '../../../platform/mailer';
import { resolveEndpoint, type MailEndpoint } from '../mail-socket';
import { smtpTransportOptions } from '../smtp-probe';

/** Connections per SMTP account and process, and messages per connection before a fresh one. */
export const SMTP_POOL = { maxConnections: 10, maxMessages: 100, idleCloseMs: 60_000 };

interface Pooled {
  mailer: Mailer;
  lastUsed: number;
}

/** The pools of one process's infrastructure (a test app's are its own). */
const poolsOf = new WeakMap<object, Map<string, Pooled>>();

/**
 * A mailer for a mailbox's SMTP account that reuses connections (nodemailer's pool): one pool
 * per account settings and resolved server address, shared by every job of the process. Each
 * message still resolves and checks the server's address (it may have changed, and must
 * still be allowed); a changed address, password or setting gets a pool of its own. Pools
 * idle for a minute are closed.
 */
export function pooledSmtpMailer(
  owner: object,
  ep: MailEndpoint,
  auth: { username: string; password: string } | null,
  from: string,
): Mailer {
  return {
    async send(message) {
      const address = await resolveEndpoint(ep);
      // Everything the connection depends on; the secret and the CA only as a digest.
      const key = createHash('sha256')
        .update(JSON.stringify([ep.host, ep.port, ep.tls, ep.timeoutMs, address, from, auth?.username]))
        .update(`\0${auth?.password ?? ''}\0${ep.ca ?? ''}`)
        .digest('base64url');
      let pools = poolsOf.get(owner);
      if (!pools) poolsOf.set(owner, (pools = new Map()));
      let pooled = pools.get(key);
      if (!pooled) {
        const options = smtpTransportOptions(ep, auth, address);
        pooled = {
          mailer: transportMailer(
            { ...options, pool: true, maxConnections: SMTP_POOL.maxConnections, maxMessages: SMTP_POOL.maxMessages },
            from,
          ),
          lastUsed: performance.now(),
        };
        pools.set(key, pooled);
        sweepLater(pools);
      }
      pooled.lastUsed = performance.now();
      const result = await pooled.mailer.send(message);
      pooled.lastUsed = performance.now();
      return result;
    },
  };
}

/** Closes every pool of `owner` (tests, shutdown). */
export function closeSmtpPools(owner: object) {
  const pools = poolsOf.get(owner);
  if (!pools) return;
  for (const p of pools.values()) p.mailer.close?.();
  pools.clear();
}

const sweeping = new WeakSet<Map<string, Pooled>>();
function sweepLater(pools: Map<string, Pooled>) {
  if (sweeping.has(pools)) return;
  sweeping.add(pools);
  const timer = setInterval(() => {
    // Real elapsed time (idle connections), not business time: performance.now(), not the clock.
    const now = performance.now();
    for (const [key, p] of pools)
      if (now - p.lastUsed > SMTP_POOL.idleCloseMs) {
        p.mailer.close?.();
        pools.delete(key);
      }
    if (!pools.size) {
      clearInterval(timer);
      sweeping.delete(pools);
    }
  }, SMTP_POOL.idleCloseMs / 2);
  timer.unref();
}
