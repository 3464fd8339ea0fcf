import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context';
import { queryRows } from '../../../platform/db/database';
import type { UserRow } from '../../people';
import { audit } from '../../audit';
import { isTotpCode, normaliseCode, recoveryCodeHash, totpSealer, totpStep } from './totp';

export type SpentCode = { kind: 'totp' } | { kind: 'recovery'; left: number };

/**
 * Checks a second-factor code of `user` (two-factor sign-in on) and uses it up, each in one
 * statement so that two requests racing with the same code cannot both pass:
 * - six digits: the authenticator's code, within one step either side; its step must be later
 *   than the last accepted one (`totp_last_step`), which it then becomes;
 * - anything else: a recovery code, removed from the stored hashes by the same statement that
 *   finds it.
 * Null when the code is wrong or already used. The secret is never logged.
 */
export async function spendCode(ctx: Ctx, user: UserRow, given: string): Promise<SpentCode | null> {
  if (!user.totpSecretSealed) return null;
  const code = normaliseCode(given);
  if (isTotpCode(code)) {
    const step = totpStep(totpSealer(ctx.deps).open(user.totpSecretSealed), code, ctx.deps.clock.now());
    if (step === null) return null;
    const rows = await queryRows<{ id: number }>(
      ctx.db,
      sql`update users set totp_last_step = ${step}
        where workspace_id = ${ctx.workspaceId} and id = ${user.id} and totp_enabled_at is not null
          and (totp_last_step is null or totp_last_step < ${step})
        returning id`,
    );
    return rows.length ? { kind: 'totp' } : null;
  }
  if (!/^[a-z0-9]{8}$/.test(code)) return null;
  const hash = recoveryCodeHash(ctx.deps, code);
  const rows = await queryRows<{ remaining: number }>(
    ctx.db,
    sql`update users set recovery_code_hashes = array_remove(recovery_code_hashes, ${hash}::text)
      where workspace_id = ${ctx.workspaceId} and id = ${user.id} and totp_enabled_at is not null
        and ${hash}::text = any(recovery_code_hashes)
      returning cardinality(recovery_code_hashes) as remaining`,
  );
  if (!rows.length) return null;
  const left = Number(rows[0].remaining);
  await audit(ctx, 'auth.recovery_code_used', 'user', user.id, { left });
  return { kind: 'recovery', left };
}
