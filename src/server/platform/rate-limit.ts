import { sql } from 'drizzle-orm';
import type { Ctx } from './context';
import { RateLimited } from './errors';
import { queryRows } from './db/database';

/**
 * A fixed-window counter in the database, so that the limit holds across all server
 * processes. Throws 429 with Retry-After once `limit` hits fall in the current window.
 */
export async function hitRateLimit(ctx: Ctx, key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = ctx.deps.clock.now().getTime();
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const r = await queryRows<{ count: number }>(
    ctx.deps.database.db,
    sql`
    insert into rate_limits (workspace_id, key, window_start, count) values (${ctx.workspaceId}, ${key}, ${windowStart}, 1)
    on conflict (workspace_id, key, window_start) do update set count = rate_limits.count + 1
    returning count`,
  );
  if (Number(r[0].count) > limit) {
    throw RateLimited(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)));
  }
}
