import { createHmac, hkdfSync } from 'node:crypto';
import { randomToken, safeEqual, sha256 } from '../../platform/crypto';

/** The operator's sign-in cookie; only the operator's API paths receive it. */
export const OPERATOR_COOKIE = 'pishkhan_operator';
export const OPERATOR_COOKIE_PATH = '/api/v1/operator';
/** A sign-in lasts this long, however active (the operator signs in again after it). */
export const OPERATOR_SESSION_MS = 8 * 60 * 60 * 1000;

export interface OperatorToken {
  /** The operator's username. */
  u: string;
  /** Issued and expires at (ms since the epoch). */
  iat: number;
  exp: number;
  /** The CSRF token writes must send in `x-csrf-token`. */
  csrf: string;
}

/**
 * The key tokens are signed with: derived from SECRET_KEY and bound to the operator's current
 * credentials, so changing OPERATOR_USERNAME or OPERATOR_PASSWORD ends every existing sign-in.
 */
export function tokenKey(secretKey: string, operator: { username: string; password: string }): Buffer {
  const bound = sha256(`${operator.username}\u0000${operator.password}`);
  return Buffer.from(hkdfSync('sha256', secretKey, 'pishkhan', `operator-session:${bound}`, 32));
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

/** `v1.<payload>.<hmac>`: stateless, so every process accepts it without a session table. */
export function issueToken(key: Buffer, username: string, now: number): { cookie: string; token: OperatorToken } {
  const token: OperatorToken = { u: username, iat: now, exp: now + OPERATOR_SESSION_MS, csrf: randomToken(24) };
  const body = Buffer.from(JSON.stringify(token)).toString('base64url');
  return { cookie: `v1.${body}.${sign(key, `v1.${body}`)}`, token };
}

/** The token when the signature holds and it has not expired; null otherwise. */
export function readToken(key: Buffer, cookie: string, now: number): OperatorToken | null {
  const [v, body, mac] = cookie.split('.');
  if (v !== 'v1' || !body || !mac || !safeEqual(mac, sign(key, `v1.${body}`))) return null;
  try {
    const t = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OperatorToken;
    if (typeof t.u !== 'string' || typeof t.csrf !== 'string' || typeof t.exp !== 'number' || typeof t.iat !== 'number')
      return null;
    return t.exp > now ? t : null;
  } catch {
    return null;
  }
}

/**
 * Compares what was typed with the configured credentials in constant time: both sides are
 * hashed first, so neither the length nor the first differing character shows in the timing,
 * and the username and password are always both compared.
 */
export function credentialsMatch(
  given: { username: string; password: string },
  operator: { username: string; password: string },
): boolean {
  const user = safeEqual(sha256(given.username), sha256(operator.username));
  const pass = safeEqual(sha256(given.password), sha256(operator.password));
  return user && pass;
}
