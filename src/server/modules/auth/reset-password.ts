import { and, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { passwordResets, users } from '../../../db/schema';
import type { ZResetPassword } from '../../../contracts/auth';
import { withTx, type Ctx } from '../../platform/context';
import { hashPassword, sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { forgetActors } from '../../platform/auth/actor-cache';
import { endSessionsAndTokens } from '../people';

/**
 * Completes a reset: one use per token, within its lifetime. Using one deletes every other
 * outstanding reset token of the account, ends all its sessions and revokes its API tokens.
 */
export async function resetPassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZResetPassword>;
}): Promise<void> {
  await hitRateLimit(ctx, `reset:ip:${addressKey(ctx.ip)}`, 20, 900);
  const now = ctx.deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  const userId = await withTx(ctx, async (tx) => {
    const [reset] = await tx.db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        inWorkspace(
          passwordResets,
          tx,
          eq(passwordResets.tokenHash, sha256(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning();
    if (!reset) throw InvalidField('token', 'validation.reset_token');
    const [user] = await tx.db
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(and(inWorkspace(users, tx, eq(users.id, reset.userId)), isNull(users.deletedAt)))
      .returning({ id: users.id });
    if (!user) throw InvalidField('token', 'validation.reset_token');
    // Older (or newer) links mailed for this account die with the one used.
    await tx.db.delete(passwordResets).where(inWorkspace(passwordResets, tx, eq(passwordResets.userId, reset.userId)));
    await endSessionsAndTokens(tx, reset.userId);
    await audit(tx, 'auth.password_reset', 'user', reset.userId);
    return reset.userId;
  });
  forgetActors(ctx.deps, userId);
}
