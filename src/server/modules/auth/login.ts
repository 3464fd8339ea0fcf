import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../../db/schema';
import type { ZLogin } from '../../../contracts/auth';
import { normalizeMobile } from '../../../contracts/mobile';
import { withTx, type Ctx } from '../../platform/context';
import { verifyPassword } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, Forbidden, Unauthorized } from '../../platform/errors';
import { ipMatcher } from '../../platform/ip-allow';
import { guardSignIn } from '../../platform/rate-limit';
import { audit } from '../audit';
import { getSettings } from '../settings';
import { findByLogin, type UserRow } from '../people';
import { createSession } from './sessions.repo';

/**
 * The user a login names, however it is written (username in any case, e-mail, mobile in any
 * spelling or digits), and the key sign-in limits count against: `user:<id>`, or the normalised
 * login when it names no account, so that known and unknown accounts are limited alike.
 */
export async function resolveLogin(ctx: Ctx, login: string): Promise<{ user: UserRow | null; accountKey: string }> {
  const mobile = normalizeMobile(login);
  const user = await findByLogin(ctx, login, mobile);
  return { user, accountKey: user ? `user:${user.id}` : `login:${mobile ?? login.normalize('NFKC').toLowerCase()}` };
}

/**
 * Password sign-in (A4). Wrong passwords are limited per account and address (`guardSignIn`:
 * a growing wait, never a lock a stranger can set) and an unknown account answers exactly as a
 * known one with a wrong password; staff may sign in only from the allowed addresses (A8).
 */
export async function login({
  ctx,
  input,
  userAgent,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZLogin>;
  userAgent?: string;
}) {
  const { user, accountKey } = await resolveLogin(ctx, input.login);
  const guard = await guardSignIn(ctx, { accountKey, address: ctx.ip });
  // An unknown account (or one without a password) still costs one scrypt.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok) {
    if (user) await audit(ctx, 'auth.failed', 'user', user.id, { failures: guard.failures });
    throw Unauthorized('errors.bad_credentials');
  }
  await guard.passed();
  if (!user.active) throw Forbidden('errors.account_disabled');
  if (user.role !== 'customer') {
    const settings = await getSettings(ctx);
    if (!ipMatcher(settings.allowedIps)(ctx.ip)) throw new AppError('ip_not_allowed', { key: 'errors.ip_not_allowed' });
  }
  const now = ctx.deps.clock.now();
  return withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ lastLoginAt: now })
      .where(inWorkspace(users, tx, eq(users.id, user.id)));
    const session = await createSession(tx, user.id, userAgent);
    await audit(tx, 'auth.login', 'user', user.id);
    return { ...session, userId: user.id };
  });
}
