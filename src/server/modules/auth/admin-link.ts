import type { z } from 'zod';
import type { ZOtpRequest } from '../../../contracts/auth';
import { withTx, type Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';
import { findByLogin } from '../people';
import { getSettings } from '../settings';
import { siteOf } from '../workspaces';
import { SMS_QUEUE, smsSealer, type SmsJob } from './otp';

/** Where the link leads: the sign-in page, on its code tab, with the mobile filled in. */
export const adminLinkUrl = (publicUrl: string, mobile: string) =>
  `${publicUrl}/login?tab=otp&mobile=${encodeURIComponent(mobile)}`;

/** Queues the admin's sign-in link by SMS (A3), in the caller's transaction. */
export async function queueAdminLink(ctx: Ctx, mobile: string) {
  const settings = await getSettings(ctx);
  const text = t(ctx.locale, 'sms.admin_link', {
    title: settings.title,
    url: adminLinkUrl(await siteOf(ctx), mobile),
  });
  const job: SmsJob = {
    workspaceId: ctx.workspaceId,
    to: mobile,
    sealedText: smsSealer(ctx.deps.config.secretKey).seal(text),
    event: 'admin_link',
  };
  await ctx.deps.jobs.send(SMS_QUEUE, job, { executor: ctx.db });
}

/**
 * POST /auth/admin-link `{ mobile }` (A3): an administrator with that mobile gets a link to the
 * sign-in page by SMS, where the mobile and a one-time code sign them in. Answers the same
 * whether or not such an administrator exists (no one learns who administers a workspace),
 * rate-limited per address and per mobile.
 */
export async function requestAdminLink({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZOtpRequest> }) {
  await hitRateLimit(ctx, `admin-link:ip:${addressKey(ctx.ip)}`, 10, 3600);
  await hitRateLimit(ctx, `admin-link:mobile:${input.mobile}`, 3, 600);
  const user = await findByLogin(ctx, input.mobile, input.mobile);
  if (user && user.active && user.role === 'admin' && user.mobile === input.mobile)
    await withTx(ctx, (tx) => queueAdminLink(tx, input.mobile));
  return { mobile: input.mobile, sent: true as const };
}
