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
import { hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { getSettings } from '../settings';
import { findByLogin } from '../people';
import { createSession } from './sessions.repo';

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/**
 * Password sign-in (A4). Rate-limited per address and per login name across processes;
 * repeated failures lock the account; staff may sign in only from the allowed addresses (A8).
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
  await hitRateLimit(ctx, `login:ip:${ctx.ip}`, 30, 600);
  await hitRateLimit(ctx, `login:name:${input.login.toLowerCase()}`, 15, 600);
  const now = ctx.deps.clock.now();
  const user = await findByLogin(ctx, input.login, normalizeMobile(input.login));

  if (user?.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000);
    throw new AppError(
      'locked',
      { key: 'errors.account_locked', params: { minutes } },
      undefined,
      undefined,
      minutes * 60,
    );
  }
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok) {
    if (user) {
      const failures = user.failedLogins + 1;
      const lock = failures >= MAX_FAILURES;
      await ctx.db
        .update(users)
        .set({
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60000) : user.lockedUntil,
        })
        .where(inWorkspace(users, ctx, eq(users.id, user.id)));
      await audit(ctx, lock ? 'auth.locked' : 'auth.failed', 'user', user.id);
    }
    throw Unauthorized('errors.bad_credentials');
  }
  if (!user.active) throw Forbidden('errors.account_disabled');
  if (user.role !== 'customer') {
    const settings = await getSettings(ctx);
    if (!ipMatcher(settings.allowedIps)(ctx.ip)) throw new AppError('ip_not_allowed', { key: 'errors.ip_not_allowed' });
  }
  return withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(inWorkspace(users, tx, eq(users.id, user.id)));
    const session = await createSession(tx, user.id, userAgent);
    await audit(tx, 'auth.login', 'user', user.id);
    return { ...session, userId: user.id };
  });
}
