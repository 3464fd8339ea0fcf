import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { otpCodes } from '../../../db/schema';
import { normalizeDigits } from '../../../contracts/text';
import type { Ctx } from '../../platform/context';
import { createSealer, safeEqual, sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { t } from '../../platform/i18n';
import { sendSmsNow } from '../notifications';
import { getSettings } from '../settings';

export const OTP_TTL_SECONDS = 300;
export const OTP_MAX_ATTEMPTS = 5;
export const SMS_QUEUE = 'sms.send';

export interface SmsJob {
  workspaceId: number;
  to: string;
  /** The text sealed with SECRET_KEY: it carries a code, which the job table must not hold in clear. */
  sealedText: string;
  /** What it is, for the deliveries log: 'otp' (default), 'contact_code', 'admin_link'. */
  event?: string;
}

export const smsSealer = (secretKey: string) => createSealer(secretKey, 'sms');
const hashCode = (workspaceId: number, mobile: string, code: string) => sha256(`${workspaceId}:${mobile}:${code}`);

/** Makes a code, stores its hash and queues its SMS, in the caller's transaction. */
export async function issueOtp(
  ctx: Ctx,
  mobile: string,
  purpose: 'login' | 'register',
  payload?: Record<string, unknown>,
) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.deps.clock.now();
  await ctx.db.insert(otpCodes).values({
    workspaceId: ctx.workspaceId,
    mobile,
    purpose,
    codeHash: hashCode(ctx.workspaceId, mobile, code),
    payload: payload ?? null,
    expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
    createdAt: now,
  });
  const settings = await getSettings(ctx);
  const text = t(ctx.locale, 'sms.otp', { title: settings.title, code, minutes: OTP_TTL_SECONDS / 60 });
  const job: SmsJob = {
    workspaceId: ctx.workspaceId,
    to: mobile,
    sealedText: smsSealer(ctx.deps.config.secretKey).seal(text),
  };
  await ctx.deps.jobs.send(SMS_QUEUE, job, { executor: ctx.db });
}

/**
 * Checks a code against the newest live one for the mobile. A wrong guess counts against that
 * code; after OTP_MAX_ATTEMPTS it is dead. Returns the code's row once, or null.
 */
export async function consumeOtp(ctx: Ctx, mobile: string, code: string) {
  const now = ctx.deps.clock.now();
  const [row] = await ctx.db
    .select()
    .from(otpCodes)
    .where(
      and(
        inWorkspace(otpCodes, ctx, eq(otpCodes.mobile, mobile)),
        isNull(otpCodes.usedAt),
        gt(otpCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(otpCodes.createdAt), desc(otpCodes.id))
    .limit(1)
    .for('update');
  if (!row || row.attempts >= OTP_MAX_ATTEMPTS) return null;
  if (!safeEqual(row.codeHash, hashCode(ctx.workspaceId, mobile, normalizeDigits(code)))) {
    await ctx.db
      .update(otpCodes)
      .set({ attempts: sql`${otpCodes.attempts} + 1` })
      .where(eq(otpCodes.id, row.id));
    return null;
  }
  await ctx.db.update(otpCodes).set({ usedAt: now }).where(eq(otpCodes.id, row.id));
  return row;
}

/**
 * Worker side: opens the sealed text and sends it through the workspace's SMS gateway (or the
 * platform's), recorded in the deliveries log and paid from the SMS credit.
 */
export function sendSms(deps: Ctx['deps']) {
  return async (job: SmsJob) => {
    const text = smsSealer(deps.config.secretKey).open(job.sealedText);
    await sendSmsNow(deps, { workspaceId: Number(job.workspaceId), to: job.to, text, event: job.event ?? 'otp' });
  };
}
