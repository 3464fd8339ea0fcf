import type { Ctx } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import type { UserRow } from '../../people';
import { audit } from '../../audit';
import { spendCode } from './spend-code';

/**
 * The second step of a password sign-in (K11), after the password and the account checks:
 * nothing to do for an account without two-factor sign-in; otherwise the authenticator's code
 * or a recovery code is needed (401 `two_factor_required` tells the client to ask for it) and
 * must be right and unused (401 `two_factor_invalid`). login.ts leaves the sign-in try counted
 * when this throws, so guessing codes is limited as guessing passwords is.
 */
export async function checkSecondFactor(ctx: Ctx, user: UserRow, code: string | undefined): Promise<void> {
  if (!user.totpEnabledAt || !user.totpSecretSealed) return;
  if (!code) throw new AppError('two_factor_required', { key: 'errors.two_factor_required' });
  const spent = await spendCode(ctx, user, code);
  if (!spent) {
    await audit(ctx, 'auth.two_factor_failed', 'user', user.id);
    throw new AppError('two_factor_invalid', { key: 'errors.two_factor_invalid' });
  }
}
