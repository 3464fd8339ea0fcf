import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { AppError } from '../../platform/errors';
import { addressKey, hitRateLimit, rateLimitedWith } from '../../platform/rate-limit';

/** Failed operator sign-ins from one address (in the last OPERATOR_LOCK_SECONDS) that lock it out. */
export const OPERATOR_FAILURES = 10;
/** How long a locked-out address waits, and how far back its failures are counted. */
export const OPERATOR_LOCK_SECONDS = 15 * 60;
/** Sign-in tries (right or wrong) from one address per window. */
export const OPERATOR_ATTEMPTS = { limit: 20, windowSeconds: 10 * 60 };

/**
 * The operator's sign-in limits, in `rate_limits` under workspace 0 (the platform's own
 * counters, which no workspace owns), so that they hold across every server process. Failures
 * are counted in one-minute buckets summed over the last 15 minutes (a sliding count); the 10th
 * writes a lock row whose time starts the 15-minute lock-out. The hourly cleanup drops old rows.
 */
const PLATFORM = 0;
const keysOf = (ip: string) => {
  const address = addressKey(ip);
  return { tries: `operator:try:${address}`, fails: `operator:fail:${address}`, lock: `operator:lock:${address}` };
};
const platformCtx = (ctx: Ctx): Ctx => ({ ...ctx, workspaceId: PLATFORM });
const lockedFor = (seconds: number) => rateLimitedWith('errors.operator_locked', Math.max(1, Math.ceil(seconds)));

/** Refuses (429) an address that is locked out, whatever it sends. */
export async function checkLocked(ctx: Ctx, ip: string): Promise<void> {
  const now = ctx.deps.clock.now();
  const [row] = await queryRows<{ started: Date | string | null }>(
    ctx.deps.database.db,
    sql`select max(window_start) as started from rate_limits
      where workspace_id = ${PLATFORM} and key = ${keysOf(ip).lock}
        and window_start > ${now}::timestamptz - make_interval(secs => ${OPERATOR_LOCK_SECONDS})`,
  );
  if (row?.started) {
    const left = new Date(row.started).getTime() + OPERATOR_LOCK_SECONDS * 1000 - now.getTime();
    throw lockedFor(left / 1000);
  }
}

/** Counts one sign-in try; refuses (429) past OPERATOR_ATTEMPTS in the window. */
export async function countAttempt(ctx: Ctx, ip: string): Promise<void> {
  await hitRateLimit(platformCtx(ctx), keysOf(ip).tries, OPERATOR_ATTEMPTS.limit, OPERATOR_ATTEMPTS.windowSeconds);
}

/** Counts a failure; the OPERATOR_FAILURES-th locks the address out and answers the 429 to throw. */
export async function countFailure(ctx: Ctx, ip: string): Promise<AppError | null> {
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock.now();
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const keys = keysOf(ip);
  const [row] = await queryRows<{ failures: number }>(
    db,
    sql`with bucket as (
        insert into rate_limits (workspace_id, key, window_start, count) values (${PLATFORM}, ${keys.fails}, ${minute}, 1)
        on conflict (workspace_id, key, window_start) do update set count = rate_limits.count + 1
        returning count)
      select (select count from bucket) + coalesce((select sum(count) from rate_limits
        where workspace_id = ${PLATFORM} and key = ${keys.fails} and window_start <> ${minute}
          and window_start > ${now}::timestamptz - make_interval(secs => ${OPERATOR_LOCK_SECONDS})), 0) as failures`,
  );
  if (Number(row.failures) < OPERATOR_FAILURES) return null;
  await db.execute(sql`insert into rate_limits (workspace_id, key, window_start, count)
    values (${PLATFORM}, ${keys.lock}, ${now}, 1) on conflict do nothing`);
  await forgetFailures(ctx, ip);
  return lockedFor(OPERATOR_LOCK_SECONDS);
}

/** The right credentials: the address's failures are forgotten. */
export async function forgetFailures(ctx: Ctx, ip: string): Promise<void> {
  await ctx.deps.database.db.execute(
    sql`delete from rate_limits where workspace_id = ${PLATFORM} and key = ${keysOf(ip).fails}`,
  );
}
