import type { z } from 'zod';
import { passwordResets } from '../../../db/schema';
import type { ZForgotPassword } from '../../../contracts/auth';
import { withTx, type Ctx } from '../../platform/context';
import { createSealer, randomToken, sha256 } from '../../platform/crypto';
import { addressKey, countHit, hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { resolveLogin } from './login';

export const RESET_TTL_MINUTES = 60;
export const RESET_QUEUE = 'mail.password-reset';
/** At most one reset mail per account in this window. */
export const RESET_MAIL_WINDOW_SECONDS = 15 * 60;

export interface ResetJob {
  workspaceId: number;
  userId: number;
  /** The token sealed with SECRET_KEY: the job table never holds it in the clear. */
  sealedToken: string;
}

export const resetSealer = (secretKey: string) => createSealer(secretKey, 'password-reset');

/**
 * Starts a password reset (A4). Answers the same whether or not the account exists; when it
 * does and has an e-mail, a token is stored (hashed) and the mail is queued in the same
 * transaction — once per account per RESET_MAIL_WINDOW_SECONDS.
 */
export async function forgotPassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZForgotPassword>;
}): Promise<void> {
  await hitRateLimit(ctx, `forgot:ip:${addressKey(ctx.ip)}`, 10, 900);
  const { user, accountKey } = await resolveLogin(ctx, input.login);
  // One mail per account per window however the login is written; more requests answer the same
  // and send nothing, as for an unknown account (which is counted alike).
  if (!(await countHit(ctx, `forgot:${accountKey}`, 1, RESET_MAIL_WINDOW_SECONDS))) return;
  // A directory account's password is the directory's: the sign-in page links to the
  // organisation's own password site (settings.passwordResetUrl) instead.
  if (!user || !user.active || !user.email || user.directoryId) return;
  const token = randomToken(32);
  const now = ctx.deps.clock.now();
  await withTx(ctx, async (tx) => {
    await tx.db.insert(passwordResets).values({
      workspaceId: tx.workspaceId,
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60000),
      createdAt: now,
    });
    const job: ResetJob = {
      workspaceId: tx.workspaceId,
      userId: user.id,
      sealedToken: resetSealer(tx.deps.config.secretKey).seal(token),
    };
    await tx.deps.jobs.send(RESET_QUEUE, job, { executor: tx.db });
    await audit(tx, 'auth.reset_requested', 'user', user.id);
  });
}
