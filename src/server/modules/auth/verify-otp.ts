import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../../db/schema';
import type { ZOtpVerify } from '../../../contracts/auth';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, Forbidden, InvalidField } from '../../platform/errors';
import { ipMatcher } from '../../platform/ip-allow';
import { guardSignIn } from '../../platform/rate-limit';
import { audit } from '../audit';
import { assertWithinLimit } from '../cloud';
import { checkUnique } from '../people';
import { getSettings, refuseWhenSuspended } from '../settings';
import { resolveLogin } from './login';
import { consumeOtp } from './otp';
import { createSession } from './sessions.repo';

/**
 * Verifies an SMS code: finishes a registration (the customer is created now) or signs in
 * the account with that mobile. Either way a session starts.
 */
export async function verifyOtp({
  ctx,
  input,
  userAgent,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZOtpVerify>;
  userAgent?: string;
}) {
  // J1: a code sent before the workspace was suspended does not sign anyone in while it is.
  await refuseWhenSuspended(ctx);
  // Wrong codes count against the account (or the mobile, when it has none) from this address,
  // as wrong passwords do; each code also dies after OTP_MAX_ATTEMPTS wrong guesses.
  const { accountKey } = await resolveLogin(ctx, input.mobile);
  const guard = await guardSignIn(ctx, { accountKey, address: ctx.ip });
  const result = await withTx(ctx, async (tx) => {
    const otp = await consumeOtp(tx, input.mobile, input.code);
    if (!otp) return null;
    const now = tx.deps.clock.now();
    let userId: number;
    if (otp.purpose === 'register') {
      const p = otp.payload as { username: string; name: string; email: string | null };
      await checkUnique(tx, { username: p.username, email: p.email, mobile: input.mobile });
      // Cloud mode: a self sign-up is a new active customer, counted against the plan.
      await assertWithinLimit(tx, 'customers');
      const [u] = await tx.db
        .insert(users)
        .values({
          workspaceId: tx.workspaceId,
          role: 'customer',
          username: p.username,
          name: p.name,
          email: p.email,
          mobile: input.mobile,
          createdAt: now,
          updatedAt: now,
          lastLoginAt: now,
        })
        .returning({ id: users.id });
      userId = u.id;
      await audit({ ...tx, actor: null }, 'user.registered', 'user', userId, { username: p.username });
    } else {
      const [u] = await tx.db
        .select({ id: users.id, role: users.role, active: users.active, totpEnabledAt: users.totpEnabledAt })
        .from(users)
        .where(and(inWorkspace(users, tx, eq(users.mobile, input.mobile)), isNull(users.deletedAt)));
      if (!u || !u.active) throw Forbidden('errors.account_disabled');
      // K11: an SMS code is one factor; with two-factor sign-in on, only password and code sign in.
      if (u.totpEnabledAt) throw Forbidden('errors.two_factor_use_password');
      if (u.role !== 'customer') {
        const settings = await getSettings(tx);
        if (!ipMatcher(settings.allowedIps)(tx.ip))
          throw new AppError('ip_not_allowed', { key: 'errors.ip_not_allowed' });
      }
      await tx.db.update(users).set({ lastLoginAt: now }).where(eq(users.id, u.id));
      userId = u.id;
    }
    const session = await createSession(tx, userId, userAgent);
    await audit(tx, 'auth.otp_login', 'user', userId);
    return { ...session, userId };
  });
  // A wrong code counts as an attempt, which must be stored: hence the answer after the commit.
  if (!result) throw InvalidField('code', 'validation.otp_wrong');
  await guard.passed();
  return result;
}
