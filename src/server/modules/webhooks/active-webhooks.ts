import { and, eq } from 'drizzle-orm';
import { webhooks } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

/**
 * Which events a workspace's active webhooks want, per process, for at most TTL_MS: a ticket
 * change in a workspace without webhooks costs a map lookup, not a query. This process forgets
 * its entry on every webhook write; another process sees the change within TTL_MS.
 */
const TTL_MS = 5_000;
const caches = new WeakMap<object, Map<number, { events: ReadonlySet<string>; at: number }>>();

function cacheOf(ctx: Pick<Ctx, 'deps'>) {
  let c = caches.get(ctx.deps.database);
  if (!c) caches.set(ctx.deps.database, (c = new Map()));
  return c;
}

/** The events some active webhook of the workspace subscribes to. */
export async function activeWebhookEvents(ctx: Ctx): Promise<ReadonlySet<string>> {
  const cache = cacheOf(ctx);
  const hit = cache.get(ctx.workspaceId);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.events;
  const rows = await ctx.db
    .select({ events: webhooks.events })
    .from(webhooks)
    .where(and(eq(webhooks.workspaceId, ctx.workspaceId), eq(webhooks.active, true)));
  const events = new Set(rows.flatMap((r) => r.events));
  cache.set(ctx.workspaceId, { events, at: performance.now() });
  return events;
}

/** Called by every webhook write of this process. */
export function forgetActiveWebhooks(ctx: Pick<Ctx, 'deps' | 'workspaceId'>) {
  cacheOf(ctx).delete(ctx.workspaceId);
}
