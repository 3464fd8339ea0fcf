import { forgetActors } from '../../../platform/auth/actor-cache';
import { withTx, type Ctx } from '../../../platform/context';
import { Forbidden, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { audit } from '../../audit';
import { endSessions, findUser } from '../../people';
import { turnOff } from './turn-off';

/**
 * `DELETE /users/:id/two-factor` (admins): turns two-factor sign-in off for someone who lost
 * their phone and their recovery codes, and ends their sessions — the lost phone's among them
 * (their API tokens stay: an integration's, not a device's); they sign in again with the
 * password alone and, where the workspace requires it, must set it up again before anything
 * else. One's own is turned off in "My account", with a code.
 */
export async function resetUserTwoFactor({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, id);
  if (!row) throw NotFound();
  if (row.id === actor.id) throw Forbidden('errors.two_factor_reset_self');
  await withTx(ctx, async (tx) => {
    await turnOff(tx, row.id);
    await endSessions(tx, row.id);
    await audit(tx, 'user.two_factor_reset', 'user', row.id, { wasEnabled: !!row.totpEnabledAt });
  });
  forgetActors(ctx.deps, row.id);
}
