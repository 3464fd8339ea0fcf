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
import { signInWithDirectory } from '../directories';
import { createSession } from './sessions.repo';
import { checkSecondFactor } from './two-factor';

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
 * The password's check: a local account's own hash, or — for a directory account, and for a
 * login no local account has — the directories (A5), which decide the password and create or
 * update the account. A directory person's local password is never used. `directoryOnly`
 * (`POST /auth/ldap`) refuses local accounts.
 */
async function firstFactor(
  ctx: Ctx,
  user: UserRow | null,
  input: { login: string; password: string },
  directoryOnly: boolean,
): Promise<UserRow | null> {
  if (user && !user.directoryId) {
    // A local account: its hash (spent also for /auth/ldap, so both answer alike).
    const ok = await verifyPassword(input.password, user.passwordHash ?? null);
    return ok && !directoryOnly ? user : null;
  }
  const fromDirectory = await signInWithDirectory(ctx, { login: input.login, password: input.password, user });
  if (fromDirectory === 'no_directory' || (!fromDirectory && !user)) {
    // A login nobody here or in a directory has still costs one scrypt, as a local account's
    // wrong password does: the time of the answer does not tell that a local account exists.
    await verifyPassword(input.password, null);
    return null;
  }
  return fromDirectory;
}

/**
 * Password sign-in (A4, A5). Wrong passwords are limited per account and address (`guardSignIn`:
 * a growing wait, never a lock a stranger can set) and an unknown account answers exactly as a
 * known one with a wrong password — also when a directory decided; staff may sign in only from
 * the allowed addresses (A8); with two-factor sign-in on, a code is needed too (K11).
 */
export async function login({
  ctx,
  input,
  userAgent,
  directoryOnly = false,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZLogin>;
  userAgent?: string;
  directoryOnly?: boolean;
}) {
  const { user, accountKey } = await resolveLogin(ctx, input.login);
  const guard = await guardSignIn(ctx, { accountKey, address: ctx.ip });
  const signedIn = await firstFactor(ctx, user, input, directoryOnly);
  if (!signedIn) {
    if (user) await audit(ctx, 'auth.failed', 'user', user.id, { failures: guard.failures });
    throw Unauthorized('errors.bad_credentials');
  }
  if (!signedIn.active) throw Forbidden('errors.account_disabled');
  if (signedIn.role !== 'customer') {
    const settings = await getSettings(ctx);
    if (!ipMatcher(settings.allowedIps)(ctx.ip)) throw new AppError('ip_not_allowed', { key: 'errors.ip_not_allowed' });
  }
  // A missing or wrong code leaves the try counted, so codes are limited as passwords are.
  await checkSecondFactor(ctx, signedIn, input.code);
  await guard.passed();
  const now = ctx.deps.clock.now();
  return withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ lastLoginAt: now })
      .where(inWorkspace(users, tx, eq(users.id, signedIn.id)));
    const session = await createSession(tx, signedIn.id, userAgent);
    await audit(
      tx,
      'auth.login',
      'user',
      signedIn.id,
      signedIn.directoryId ? { directoryId: signedIn.directoryId } : {},
    );
    return { ...session, userId: signedIn.id };
  });
}
