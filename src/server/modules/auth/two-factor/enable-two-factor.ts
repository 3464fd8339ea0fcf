import { eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../../../db/schema';
import type { ZRecoveryCodes, ZTwoFactorCode } from '../../../../contracts/two-factor';
import { forgetActors } from '../../../platform/auth/actor-cache';
import { withTx, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { Conflict, InvalidField, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { hitRateLimit } from '../../../platform/rate-limit';
import { audit } from '../../audit';
import { findUser } from '../../people';
import { isTotpCode, newRecoveryCodes, normaliseCode, recoveryCodeHash, totpSealer, totpStep } from './totp';

/** Codes checked per person in 10 minutes, by every code-checking call of "My account". */
export const CODE_TRIES = { limit: 10, windowSeconds: 600 };
export const codeTries = (ctx: Ctx, userId: number) =>
  hitRateLimit(ctx, `two-factor:user:${userId}`, CODE_TRIES.limit, CODE_TRIES.windowSeconds);

/**
 * `POST /me/two-factor/enable`: a code from the pending secret proves the authenticator holds
 * it; the secret becomes the account's, its step is recorded (that code cannot sign in again)
 * and ten recovery codes are made, answered once and stored as hashes.
 */
export async function enableTwoFactor({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZTwoFactorCode>;
}): Promise<z.infer<typeof ZRecoveryCodes>> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (row.totpEnabledAt) throw Conflict('errors.two_factor_already_on');
  if (!row.totpPendingSealed) throw Conflict('errors.two_factor_not_set_up');
  await codeTries(ctx, row.id);
  const code = normaliseCode(input.code);
  const now = ctx.deps.clock.now();
  const step = isTotpCode(code) ? totpStep(totpSealer(ctx.deps).open(row.totpPendingSealed), code, now) : null;
  if (step === null) throw InvalidField('code', 'validation.two_factor_code_wrong');
  const recoveryCodes = newRecoveryCodes();
  await withTx(ctx, async (tx) => {
    // Only the pending secret that was checked, and only once (a second enable finds it gone).
    const done = await tx.db
      .update(users)
      .set({
        totpSecretSealed: row.totpPendingSealed,
        totpPendingSealed: null,
        totpEnabledAt: now,
        totpLastStep: step,
        recoveryCodeHashes: recoveryCodes.map((c) => recoveryCodeHash(ctx.deps, c)),
        updatedAt: now,
      })
      .where(
        inWorkspace(
          users,
          tx,
          eq(users.id, row.id),
          eq(users.totpPendingSealed, row.totpPendingSealed!),
          isNull(users.totpEnabledAt),
        ),
      )
      .returning({ id: users.id });
    if (!done.length) throw Conflict('errors.two_factor_not_set_up');
    await audit(tx, 'user.two_factor_enabled', 'user', row.id);
  });
  forgetActors(ctx.deps, row.id);
  return { recoveryCodes };
}
