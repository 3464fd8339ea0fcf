import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { users } from '../../../../db/schema';
import type { ZTwoFactorSetup, ZTwoFactorSetupInput } from '../../../../contracts/two-factor';
import { withTx, type Ctx } from '../../../platform/context';
import { verifyPassword } from '../../../platform/crypto';
import { inWorkspace } from '../../../platform/db/scope';
import { Conflict, Forbidden, InvalidField, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { hitRateLimit } from '../../../platform/rate-limit';
import { audit } from '../../audit';
import { findUser, type UserRow } from '../../people';
import { getSettings } from '../../settings';
import { newTotpSecret, totpOf, totpSealer } from './totp';

/**
 * Accounts without a local password to prove (directory accounts, whose password only the
 * directory checks, and accounts made by SMS code) may set up only this soon after signing in:
 * the sign-in was their proof.
 */
export const RECENT_SIGN_IN_MS = 10 * 60 * 1000;

/** Proves that the person at the keyboard is the account's owner, not someone at an unlocked screen. */
async function proveOwner(ctx: Ctx, row: UserRow, password: string | undefined) {
  if (row.passwordHash && !row.directoryId) {
    if (!password) throw InvalidField('password', 'validation.two_factor_password_required');
    // The same budget as other current-password checks (update-me.ts).
    await hitRateLimit(ctx, `password:user:${row.id}`, 10, 600);
    if (!(await verifyPassword(password, row.passwordHash)))
      throw InvalidField('password', 'validation.current_password');
    return;
  }
  const since = row.lastLoginAt ? ctx.deps.clock.now().getTime() - row.lastLoginAt.getTime() : Infinity;
  if (since > RECENT_SIGN_IN_MS) throw Forbidden('errors.two_factor_sign_in_again');
}

/**
 * `POST /me/two-factor/setup`: a new secret, kept sealed as pending until `enable` confirms a
 * code from it; a second setup replaces the pending one. Answers the secret for typing, the
 * otpauth URL (issuer: the workspace's title, label: the username) and it as a QR code.
 */
export async function setupTwoFactor({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZTwoFactorSetupInput>;
}): Promise<z.infer<typeof ZTwoFactorSetup>> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (row.totpEnabledAt) throw Conflict('errors.two_factor_already_on');
  await proveOwner(ctx, row, input.password);
  const secret = newTotpSecret();
  const settings = await getSettings(ctx);
  const otpauthUrl = totpOf(secret, settings.title, row.username).toString();
  const qrCodeSvg = await QRCode.toString(otpauthUrl, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 220,
  });
  await withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ totpPendingSealed: totpSealer(ctx.deps).seal(secret), updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, row.id)));
    await audit(tx, 'user.two_factor_setup', 'user', row.id);
  });
  return { secret, otpauthUrl, qrCodeSvg };
}
