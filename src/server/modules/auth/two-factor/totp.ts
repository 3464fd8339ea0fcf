import { createHmac, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Settings } from '../../../../contracts/settings';
import type { Role } from '../../../../contracts/permissions';
import type { AppDeps } from '../../../platform/context';
import { createSealer } from '../../../platform/crypto';

/** RFC 6238 with the parameters every authenticator app understands. */
const PERIOD = 30;
const DIGITS = 6;
/** One step either side: a phone's clock a little off, or a code typed just as it changed. */
const WINDOW = 1;

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code read off paper is typed back right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** The secrets are read back at every sign-in, so they are sealed (not hashed) with SECRET_KEY. */
export const totpSealer = (deps: Pick<AppDeps, 'config'>) => createSealer(deps.config.secretKey, 'totp-secret');

/** Whether the workspace's setting requires two-factor sign-in of this role. */
export function requiredFor(setting: Settings['twoFactorRequired'], role: Role): boolean {
  if (role === 'admin') return setting === 'admins' || setting === 'staff';
  if (role === 'agent') return setting === 'staff';
  return false;
}

/** Persian and Arabic-Indic digits as ASCII; spaces and dashes people type between groups gone; lower case. */
export function normaliseCode(code: string): string {
  return code
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\s\-‐-―_]/g, '')
    .toLowerCase();
}

export const isTotpCode = (normalised: string) => /^\d{6}$/.test(normalised);

export function totpOf(secretBase32: string, issuer = '', label = '') {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/**
 * The 30-second step a code belongs to, when it is right for `now` within the window; null
 * otherwise. The caller records the step, so that no code (nor an older one) is accepted again.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpOf(secretBase32);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return totp.counter({ timestamp: now.getTime() }) + delta;
}

/** Ten fresh codes such as `k7f3-9x2q`, shown once. */
export function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/**
 * What is stored of a recovery code: an HMAC-SHA256 under SECRET_KEY of its normalised form (no
 * dash, lower case). Keyed, so that a copy of the database alone cannot be searched offline for
 * the codes (40 random bits each).
 */
export const recoveryCodeHash = (deps: Pick<AppDeps, 'config'>, code: string) =>
  createHmac('sha256', deps.config.secretKey)
    .update(`recovery-code:${normaliseCode(code)}`)
    .digest('hex');
