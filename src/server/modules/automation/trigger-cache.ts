import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/**
 * Which events a workspace has active triggers for, per process for at most 5 s (like the
 * settings' cache): the ticket-event sink asks for every change, so a workspace without
 * triggers costs one small query every few seconds, not one per event. A write here forgets
 * the entry at once; another process's write shows within the TTL.
 */
const TTL_MS = 5_000;
const caches = new WeakMap<object, Map<number, { events: Set<string>; at: number }>>();

function cacheOf(ctx: Ctx) {
  let c = caches.get(ctx.deps.database);
  if (!c) caches.set(ctx.deps.database, (c = new Map()));
  return c;
}

/** The events with at least one active trigger in the caller's workspace. */
export async function activeTriggerEvents(ctx: Ctx): Promise<Set<string>> {
  const cache = cacheOf(ctx);
  const hit = cache.get(ctx.workspaceId);
  // A monotonic clock: how old a cache entry is, not a business time (ctx.deps.clock).
  if (hit && performance.now() - hit.at < TTL_MS) return hit.events;
  const rows = await queryRows<{ event: string }>(
    ctx.db,
    sql`select distinct event from triggers where workspace_id = ${ctx.workspaceId} and active`,
  );
  const events = new Set(rows.map((r) => r.event));
  cache.set(ctx.workspaceId, { events, at: performance.now() });
  return events;
}

/** After a write to the workspace's triggers. */
export function forgetTriggerEvents(ctx: Ctx) {
  cacheOf(ctx).delete(ctx.workspaceId);
}
