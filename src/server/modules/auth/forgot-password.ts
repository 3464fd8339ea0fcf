import type { z } from 'zod';
import { passwordResets } from '../../../db/schema';
import type { ZForgotPassword } from '../../../contracts/auth';
import { normalizeMobile } from '../../../contracts/mobile';
import { withTx, type Ctx } from '../../platform/context';
import { createSealer, randomToken, sha256 } from '../../platform/crypto';
import { hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { findByLogin } from '../people';

export const RESET_TTL_MINUTES = 60;
export const RESET_QUEUE = 'mail.password-reset';

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
 * transaction.
 */
export async function forgotPassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZForgotPassword>;
}): Promise<void> {
  await hitRateLimit(ctx, `forgot:ip:${ctx.ip}`, 10, 900);
  await hitRateLimit(ctx, `forgot:name:${input.login.toLowerCase()}`, 3, 900);
  const user = await findByLogin(ctx, input.login, normalizeMobile(input.login));
  if (!user || !user.active || !user.email) return;
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
