import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../../../db/schema';
import type { ZRecoveryCodes, ZTwoFactorCode } from '../../../../contracts/two-factor';
import { withTx, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { Conflict, InvalidField, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { audit } from '../../audit';
import { findUser } from '../../people';
import { codeTries } from './enable-two-factor';
import { spendCode } from './spend-code';
import { newRecoveryCodes, recoveryCodeHash } from './totp';

/**
 * `POST /me/two-factor/recovery-codes`: with a current code, ten new recovery codes replace
 * all the old ones (used or not), answered once.
 */
export async function regenerateRecoveryCodes({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZTwoFactorCode>;
}): Promise<z.infer<typeof ZRecoveryCodes>> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (!row.totpEnabledAt) throw Conflict('errors.two_factor_off');
  await codeTries(ctx, row.id);
  const recoveryCodes = newRecoveryCodes();
  await withTx(ctx, async (tx) => {
    const spent = await spendCode(tx, row, input.code);
    if (!spent) throw InvalidField('code', 'validation.two_factor_code_wrong');
    await tx.db
      .update(users)
      .set({
        recoveryCodeHashes: recoveryCodes.map((c) => recoveryCodeHash(ctx.deps, c)),
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(users, tx, eq(users.id, row.id)));
    await audit(tx, 'user.recovery_codes_renewed', 'user', row.id);
  });
  return { recoveryCodes };
}
