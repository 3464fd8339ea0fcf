import { eq, sql } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import { ZSettings, type Settings } from '../../../contracts/settings';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { queryRows, type Executor } from '../../platform/db/database';

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
 * Sets one field of the stored document in one statement, without reading it first (so a
 * concurrent change of another field is kept). With `was`, only while the field holds that
 * value. Returns whether the document changed.
 */
export async function setSetting<K extends keyof Settings>(
  ctx: Ctx,
  key: K,
  value: Settings[K],
  when?: { was: Settings[K] },
): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`update settings
      set data = data || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb), updated_at = ${ctx.deps.clock.now()}
      where workspace_id = ${ctx.workspaceId}
        ${when ? sql`and data -> ${key}::text = ${JSON.stringify(when.was)}::jsonb` : sql``}
      returning workspace_id`,
  );
  invalidateSettings(ctx);
  return rows.length > 0;
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

/**
 * J1: while the workspace is suspended, nobody signs up or gets a one-time code (the request
 * hook leaves /auth open so that admins can sign in with their password and people can read why).
 */
export async function refuseWhenSuspended(ctx: Ctx): Promise<void> {
  const s = await getSettings(ctx);
  if (s.suspended)
    throw new AppError('suspended', { key: 'errors.suspended' }, undefined, { message: s.suspensionMessage });
}
