import type { z } from 'zod';
import type { ZUserTwoFactor } from '../../../../contracts/two-factor';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { iso } from '../../../platform/pagination';
import { findUser } from '../../people';

/** `GET /users/:id/two-factor` (admins): whether someone has it on, so the admin may turn it off. */
export async function getUserTwoFactor({ ctx, id }: { ctx: Ctx; id: number }): Promise<z.infer<typeof ZUserTwoFactor>> {
  requireActor(ctx);
  const row = await findUser(ctx, id);
  if (!row) throw NotFound();
  return {
    enabled: !!row.totpEnabledAt,
    enabledAt: iso(row.totpEnabledAt),
    recoveryCodesLeft: row.totpEnabledAt ? row.recoveryCodeHashes.length : 0,
  };
}
