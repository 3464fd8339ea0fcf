import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import { ZSettings, type Settings } from '../../../contracts/settings';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/database';

/** Stored settings plus the ids of the logo and login image, which the API shows as URLs. */
export interface StoredSettings extends Settings {
  logoFileId: number | null;
  loginImageFileId: number | null;
}

export function parseSettings(data: unknown): StoredSettings {
  const raw = (data ?? {}) as Record<string, unknown>;
  const parsed = ZSettings.safeParse(raw);
  // A document written by an older version may fail a newer rule: fall back field by field.
  const base = parsed.success ? parsed.data : ZSettings.parse({});
  return {
    ...base,
    logoFileId: typeof raw.logoFileId === 'number' ? raw.logoFileId : null,
    loginImageFileId: typeof raw.loginImageFileId === 'number' ? raw.loginImageFileId : null,
  };
}

export async function readSettings(db: Executor, workspaceId: number): Promise<StoredSettings> {
  const rows = await db.select({ data: settings.data }).from(settings).where(eq(settings.workspaceId, workspaceId));
  return parseSettings(rows[0]?.data);
}

/** Writes the whole document (the caller merged it) and returns what was stored. */
export async function writeSettings(ctx: Ctx, next: StoredSettings): Promise<StoredSettings> {
  const now = ctx.deps.clock.now();
  await ctx.db
    .insert(settings)
    .values({ workspaceId: ctx.workspaceId, data: next, updatedAt: now })
    .onConflictDoUpdate({ target: settings.workspaceId, set: { data: next, updatedAt: now } });
  invalidateSettings(ctx);
  return next;
}

/**
 * Reads for every request (IP allow-list, suspension) go through a short cache, one per
 * database so that two apps in one process (tests) never share entries.
 */
const caches = new WeakMap<object, Map<number, { value: StoredSettings; at: number }>>();
const TTL_MS = 5_000;

function cacheOf(ctx: Ctx) {
  let c = caches.get(ctx.deps.database);
  if (!c) caches.set(ctx.deps.database, (c = new Map()));
  return c;
}

/** Settings for the caller's workspace (cached for a few seconds). */
export async function getSettings(ctx: Ctx): Promise<StoredSettings> {
  const cache = cacheOf(ctx);
  const hit = cache.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await readSettings(ctx.db, ctx.workspaceId);
  cache.set(ctx.workspaceId, { value, at: Date.now() });
  return value;
}

export function invalidateSettings(ctx: Ctx) {
  cacheOf(ctx).delete(ctx.workspaceId);
}
