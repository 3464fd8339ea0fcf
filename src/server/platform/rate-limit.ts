import { sql } from 'drizzle-orm';
import type { Ctx } from './context';
import { AppError } from './errors';
import { queryRows } from './db/database';

/** A limit: at most `limit` (hits, or units of a budget) per fixed window of `windowSeconds`. */
export interface Limit {
  limit: number;
  windowSeconds: number;
}

/** The window `now` falls in, and the seconds left until it ends (at least 1). */
function windowOf(ctx: Ctx, windowSeconds: number) {
  const now = ctx.deps.clock.now().getTime();
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  return { start, secondsLeft: Math.max(1, Math.ceil((start.getTime() + windowMs - now) / 1000)) };
}

/** Adds `amount` to the counter of `key` in its window and returns the new total. */
async function add(ctx: Ctx, key: string, amount: number, start: Date): Promise<number> {
  const r = await queryRows<{ count: number }>(
    ctx.deps.database.db,
    sql`
    insert into rate_limits (workspace_id, key, window_start, count) values (${ctx.workspaceId}, ${key}, ${start}, ${amount})
    on conflict (workspace_id, key, window_start) do update set count = rate_limits.count + excluded.count
    returning count`,
  );
  return Number(r[0].count);
}

/** A 429 with Retry-After and a message of its own, filled with `{seconds}` and any `params`. */
export const rateLimitedWith = (messageKey: string, retryAfter: number, params: Record<string, number> = {}) =>
  new AppError(
    'rate_limited',
    { key: messageKey, params: { seconds: retryAfter, ...params } },
    undefined,
    undefined,
    retryAfter,
  );

/**
 * A fixed-window counter in the database, so that the limit holds across all server
 * processes. Throws 429 with Retry-After once `limit` hits fall in the current window;
 * `messageKey` (with `{seconds}`) says what was limited.
 */
export async function hitRateLimit(
  ctx: Ctx,
  key: string,
  limit: number,
  windowSeconds: number,
  messageKey = 'errors.rate_limited',
): Promise<void> {
  const w = windowOf(ctx, windowSeconds);
  if ((await add(ctx, key, 1, w.start)) > limit) throw rateLimitedWith(messageKey, w.secondsLeft);
}

/**
 * A budget in the same table: the counter holds units spent (KiB of uploads, say) in the
 * current window. `checkBudget` refuses once it is used up, before any work is done;
 * `spendBudget` adds an amount and, when that goes over the limit, takes it back and refuses —
 * concurrent spenders cannot together pass the limit.
 */
export async function checkBudget(ctx: Ctx, key: string, l: Limit, refuse: (retryAfter: number) => AppError) {
  const w = windowOf(ctx, l.windowSeconds);
  const [row] = await queryRows<{ count: number }>(
    ctx.deps.database.db,
    sql`select count from rate_limits where workspace_id = ${ctx.workspaceId} and key = ${key} and window_start = ${w.start}`,
  );
  if (row && Number(row.count) >= l.limit) throw refuse(w.secondsLeft);
}

export async function spendBudget(
  ctx: Ctx,
  key: string,
  amount: number,
  l: Limit,
  refuse: (retryAfter: number) => AppError,
) {
  const w = windowOf(ctx, l.windowSeconds);
  if ((await add(ctx, key, amount, w.start)) <= l.limit) return;
  await add(ctx, key, -amount, w.start);
  throw refuse(w.secondsLeft);
}
