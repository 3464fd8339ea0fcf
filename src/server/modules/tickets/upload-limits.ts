import type { Ctx } from '../../platform/context';
import { checkBudget, hitRateLimit, rateLimitedWith, spendBudget, type Limit } from '../../platform/rate-limit';

/**
 * Bounds on attachment uploads (issue 12), per person (`user:<id>`) or, for guests, per address
 * (`ip:<address>`), held in `rate_limits` so they apply across server processes:
 * - a rate: 20 uploads per 10 minutes, refused ones included, checked before the body is read;
 * - a daily quota: 100 MB a day (fixed UTC-day window, counted in KiB), refused once used up
 *   and refused for the upload that would pass it (its stored bytes are removed). Unclaimed
 *   uploads expire after a day (cleanup.job.ts), so this bounds what one uploader can leave in
 *   storage. When an administrator allows larger files, the quota still takes five of the
 *   largest allowed.
 * Both answer 429 with Retry-After.
 */
export const UPLOAD_RATE: Limit = { limit: 20, windowSeconds: 600 };
export const UPLOAD_QUOTA_MB = 100;
const QUOTA_WINDOW_SECONDS = 86_400;
const QUOTA_MIN_FILES = 5;
const KIB = 1024;

/**
 * Counts one upload by `who` and checks its quota; returns the charge that `storeOnlyUpload`
 * applies once the file's size is known.
 */
export async function admitUpload(ctx: Ctx, who: string, maxBytes: number): Promise<(bytes: number) => Promise<void>> {
  await hitRateLimit(ctx, `upload:${who}`, UPLOAD_RATE.limit, UPLOAD_RATE.windowSeconds, 'errors.upload_rate_limited');
  const quota: Limit = {
    limit: Math.max(UPLOAD_QUOTA_MB * KIB, QUOTA_MIN_FILES * Math.ceil(maxBytes / KIB)),
    windowSeconds: QUOTA_WINDOW_SECONDS,
  };
  const mb = Math.round(quota.limit / KIB);
  const refuse = (seconds: number) =>
    rateLimitedWith('errors.upload_quota_exceeded', seconds, { mb, hours: Math.ceil(seconds / 3600) });
  const key = `upload-kib:${who}`;
  await checkBudget(ctx, key, quota, refuse);
  return (bytes) => spendBudget(ctx, key, Math.ceil(bytes / KIB), quota, refuse);
}
