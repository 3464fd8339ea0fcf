import type { z } from 'zod';
import type { ZMeTwoFactor, TTwoFactorStatus } from '../../../../contracts/two-factor';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { iso } from '../../../platform/pagination';
import { findUser, type UserRow } from '../../people';
import { getSettings } from '../../settings';
import { requiredFor } from './totp';

/** For `/auth/me`: whether the person has it on, and whether the workspace requires it of them. */
export async function meTwoFactor(ctx: Ctx, row: UserRow): Promise<z.infer<typeof ZMeTwoFactor>> {
  const settings = await getSettings(ctx);
  return { enabled: !!row.totpEnabledAt, required: requiredFor(settings.twoFactorRequired, row.role) };
}

/** `GET /me/two-factor`: the signed-in staff member's own state. */
export async function getTwoFactor({ ctx }: { ctx: Ctx }): Promise<TTwoFactorStatus> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  const { enabled, required } = await meTwoFactor(ctx, row);
  return {
    enabled,
    enabledAt: iso(row.totpEnabledAt),
    required,
    recoveryCodesLeft: enabled ? row.recoveryCodeHashes.length : 0,
  };
}
