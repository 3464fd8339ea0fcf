import { eq } from 'drizzle-orm';
import { platformSettings } from '../../../db/schema';
import { ZPlatformSettings, type TPlatformSettings } from '../../../contracts/cloud';
import type { Executor } from '../../platform/db/database';

/** The one row of `platform_settings` that holds the operator's settings. */
const KEY = 'platform';

/**
 * Reads the operator's settings, with the contract's defaults for whatever is absent (a fresh
 * platform has no row). A document an older version wrote that fails a newer rule falls back
 * field by field, so one bad field never takes the others' values away.
 */
export async function getPlatformSettings(db: Executor): Promise<TPlatformSettings> {
  const rows = await db
    .select({ data: platformSettings.data })
    .from(platformSettings)
    .where(eq(platformSettings.key, KEY));
  return parsePlatformSettings(rows[0]?.data);
}

export function parsePlatformSettings(data: unknown): TPlatformSettings {
  const raw = (data ?? {}) as Record<string, unknown>;
  const whole = ZPlatformSettings.safeParse(raw);
  if (whole.success) return whole.data;
  const out = ZPlatformSettings.parse({}) as Record<string, unknown>;
  const shape = ZPlatformSettings.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown } }
  >;
  for (const [name, field] of Object.entries(shape)) {
    const one = field.safeParse(raw[name]);
    if (one.success) out[name] = one.data;
  }
  return out as TPlatformSettings;
}

/**
 * Merges `patch` into the stored settings and returns the result (the operator's PATCH). The
 * row is locked while merging so that two concurrent patches of different fields both stay.
 */
export async function updatePlatformSettings(
  db: Executor,
  patch: Partial<TPlatformSettings>,
  now: Date,
): Promise<TPlatformSettings> {
  return db.transaction(async (tx) => {
    await tx.insert(platformSettings).values({ key: KEY, data: {}, updatedAt: now }).onConflictDoNothing();
    const rows = await tx
      .select({ data: platformSettings.data })
      .from(platformSettings)
      .where(eq(platformSettings.key, KEY))
      .for('update');
    const next = ZPlatformSettings.parse({ ...parsePlatformSettings(rows[0]?.data), ...stripUndefined(patch) });
    await tx.update(platformSettings).set({ data: next, updatedAt: now }).where(eq(platformSettings.key, KEY));
    return next;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
