import { eq, lt } from 'drizzle-orm';
import { signups } from '../../../db/schema';
import type { TSignup, TSignupStarted } from '../../../contracts/cloud';
import { withTx, type Ctx } from '../../platform/context';
import { addressKey, hitRateLimit, rateLimitedWith } from '../../platform/rate-limit';
import { refuseUnavailable, requireCloud } from './availability';
import {
  hashSignupCode,
  newSignupCode,
  queueSignupSms,
  SIGNUP_CODE_TTL_SECONDS,
  SIGNUP_RESEND_SECONDS,
} from './signup-code';

/** Sign-ups from one address per hour, and codes to one mobile per ten minutes. */
export const SIGNUP_IP_LIMIT = { limit: 10, windowSeconds: 3600 };
export const SIGNUP_MOBILE_LIMIT = { limit: 3, windowSeconds: 600 };
const DAY_MS = 86_400_000;

/**
 * POST /public/signup (I1): checks the address and the mobile, stores (or replaces) the one open
 * sign-up of the mobile with a new code's keyed hash, and queues the code by the platform's SMS.
 * Nothing else exists until the code is verified.
 */
export async function startSignup({ ctx, input }: { ctx: Ctx; input: TSignup }): Promise<TSignupStarted> {
  requireCloud(ctx);
  await refuseUnavailable(ctx.db, input);
  const now = ctx.deps.clock.now();
  // A second code for the same mobile waits: impatient clicks neither spend the mobile's
  // allowance below nor send a burst of texts to someone else's phone.
  const [open] = await ctx.db
    .select({ createdAt: signups.createdAt })
    .from(signups)
    .where(eq(signups.mobile, input.mobile));
  if (open) {
    const wait = Math.ceil((open.createdAt.getTime() + SIGNUP_RESEND_SECONDS * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw rateLimitedWith('errors.signup_resend_wait', wait);
  }
  // Platform counters (workspace 0): no workspace exists yet.
  const msg = 'errors.signup_rate_limited';
  await hitRateLimit(ctx, `signup:ip:${addressKey(ctx.ip)}`, SIGNUP_IP_LIMIT.limit, SIGNUP_IP_LIMIT.windowSeconds, msg);
  await hitRateLimit(
    ctx,
    `signup:mobile:${input.mobile}`,
    SIGNUP_MOBILE_LIMIT.limit,
    SIGNUP_MOBILE_LIMIT.windowSeconds,
    msg,
  );

  const locale = input.locale ?? ctx.locale;
  const code = newSignupCode();
  const row = {
    mobile: input.mobile,
    slug: input.slug,
    organisation: input.organisation,
    locale,
    codeHash: hashSignupCode(ctx.deps, input.mobile, code),
    attempts: 0,
    expiresAt: new Date(now.getTime() + SIGNUP_CODE_TTL_SECONDS * 1000),
    ip: ctx.ip,
    createdAt: now,
  };
  await withTx(ctx, async (tx) => {
    // Sign-ups abandoned long ago go here rather than in a job of their own: the table is tiny.
    await tx.db.delete(signups).where(lt(signups.expiresAt, new Date(now.getTime() - DAY_MS)));
    await tx.db.insert(signups).values(row).onConflictDoUpdate({ target: signups.mobile, set: row });
    await queueSignupSms(tx, input.mobile, code, locale);
  });
  return { expiresIn: SIGNUP_CODE_TTL_SECONDS, resendIn: SIGNUP_RESEND_SECONDS };
}
