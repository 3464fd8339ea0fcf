import type { z } from 'zod';
import type { ZOtpRequest, ZRegister } from '../../../contracts/auth';
import { withTx, type Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';
import { checkUnique, findByLogin } from '../people';
import { getSettings, refuseWhenSuspended } from '../settings';
import { issueOtp, OTP_TTL_SECONDS } from './otp';

/**
 * A2: a customer signs up with mobile, English username and accepted terms, when the workspace
 * lets customers register and is not suspended (J1). Nothing is created until the SMS code is
 * verified.
 */
export async function register({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZRegister> }) {
  await refuseWhenSuspended(ctx);
  const settings = await getSettings(ctx);
  if (!settings.customersCanRegister) throw Forbidden('errors.registration_closed');
  await hitRateLimit(ctx, `register:ip:${addressKey(ctx.ip)}`, 10, 3600);
  await hitRateLimit(ctx, `otp:mobile:${input.mobile}`, 3, 600);
  await checkUnique(ctx, { username: input.username, email: input.email, mobile: input.mobile });
  await withTx(ctx, (tx) =>
    issueOtp(tx, input.mobile, 'register', {
      username: input.username,
      name: input.name ?? '',
      email: input.email ?? null,
    }),
  );
  return { mobile: input.mobile, expiresInSeconds: OTP_TTL_SECONDS };
}

/**
 * A2/A3: a code to sign in with. The same answer whether or not the mobile has an account (both
 * count against the address and the mobile alike); none while the workspace is suspended (J1).
 */
export async function requestOtp({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZOtpRequest> }) {
  await refuseWhenSuspended(ctx);
  await hitRateLimit(ctx, `otp:ip:${addressKey(ctx.ip)}`, 20, 3600);
  await hitRateLimit(ctx, `otp:mobile:${input.mobile}`, 3, 600);
  const user = await findByLogin(ctx, input.mobile, input.mobile);
  if (user && user.active && user.mobile === input.mobile)
    await withTx(ctx, (tx) => issueOtp(tx, input.mobile, 'login'));
  return { mobile: input.mobile, expiresInSeconds: OTP_TTL_SECONDS };
}
