import type { z } from 'zod';
import type { ZTwoFactorCode } from '../../../../contracts/two-factor';
import { forgetActors } from '../../../platform/auth/actor-cache';
import { withTx, type Ctx } from '../../../platform/context';
import { Conflict, Forbidden, InvalidField, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { audit } from '../../audit';
import { findUser } from '../../people';
import { getSettings } from '../../settings';
import { codeTries } from './enable-two-factor';
import { spendCode } from './spend-code';
import { requiredFor } from './totp';
import { turnOff } from './turn-off';

/**
 * `POST /me/two-factor/disable`: with a current code (the authenticator's or a recovery code).
 * Refused while the workspace requires two-factor sign-in of the person's role.
 */
export async function disableTwoFactor({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZTwoFactorCode> }) {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (!row.totpEnabledAt) throw Conflict('errors.two_factor_off');
  const settings = await getSettings(ctx);
  if (requiredFor(settings.twoFactorRequired, row.role)) throw Forbidden('errors.two_factor_required_here');
  await codeTries(ctx, row.id);
  await withTx(ctx, async (tx) => {
    const spent = await spendCode(tx, row, input.code);
    if (!spent) throw InvalidField('code', 'validation.two_factor_code_wrong');
    await turnOff(tx, row.id);
    await audit(tx, 'user.two_factor_disabled', 'user', row.id, { with: spent.kind });
  });
  forgetActors(ctx.deps, row.id);
}
