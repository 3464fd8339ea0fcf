import { createHmac, randomInt } from 'node:crypto';
import { normalizeDigits } from '../../../contracts/text';
import type { AppDeps, Ctx } from '../../platform/context';
import { createSealer, safeEqual } from '../../platform/crypto';
import { t, type Locale } from '../../platform/i18n';
import { platformAccount, smsClientFor } from '../notifications';

/** How long a sign-up code is valid, and how long before another may be asked for the mobile. */
export const SIGNUP_CODE_TTL_SECONDS = 300;
export const SIGNUP_RESEND_SECONDS = 60;
/** Wrong guesses a sign-up survives; the next one voids it. */
export const SIGNUP_MAX_ATTEMPTS = 5;
export const SIGNUP_SMS_QUEUE = 'cloud.signup-sms';

export interface SignupSmsJob {
  to: string;
  /** Sealed with SECRET_KEY: the text carries the code, which the job table must not hold in clear. */
  sealedText: string;
}

const sealer = (deps: Pick<AppDeps, 'config'>) => createSealer(deps.config.secretKey, 'signup-sms');

/** Six digits, as the sign-in codes (auth/otp.ts). */
export const newSignupCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The stored form of a code: keyed with SECRET_KEY (unlike a bare hash, a leaked table does not
 * give a million-guess search) and bound to the mobile, so a row cannot be replayed for another.
 */
export const hashSignupCode = (deps: Pick<AppDeps, 'config'>, mobile: string, code: string) =>
  createHmac('sha256', deps.config.secretKey)
    .update(`signup:${mobile}:${normalizeDigits(code).trim()}`)
    .digest('hex');

export const signupCodeMatches = (deps: Pick<AppDeps, 'config'>, mobile: string, code: string, stored: string) =>
  safeEqual(stored, hashSignupCode(deps, mobile, code));

/** Queues the code's SMS in the caller's transaction (so no code goes out for a sign-up not stored). */
export async function queueSignupSms(ctx: Ctx, mobile: string, code: string, locale: Locale) {
  const text = t(locale, 'sms.signup_code', { code, minutes: SIGNUP_CODE_TTL_SECONDS / 60 });
  const job: SignupSmsJob = { to: mobile, sealedText: sealer(ctx.deps).seal(text) };
  await ctx.deps.jobs.send(SIGNUP_SMS_QUEUE, job, { executor: ctx.db });
}

/**
 * Worker side. No workspace exists yet, so the text goes through the platform's gateway
 * (SMS_PROVIDER…, or the outbox) — not a workspace's, not paid from any SMS credit, and not in
 * any workspace's deliveries log. A vendor's passing failure is thrown so the queue retries.
 */
export function sendSignupSms(deps: AppDeps) {
  return async (job: SignupSmsJob) => {
    const text = sealer(deps).open(job.sealedText);
    const r = await smsClientFor({ deps }, platformAccount(deps)).send(job.to, text);
    if (r.ok) return;
    if (r.retryable) throw new Error(`sign-up SMS not sent (${r.code}); the job tries again`);
    deps.log.warn({ code: r.code, vendor: r.message }, 'sign-up SMS refused by the platform gateway');
  };
}
