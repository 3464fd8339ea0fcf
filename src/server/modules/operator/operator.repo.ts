import { eq } from 'drizzle-orm';
import { platformSettings } from '../../../db/schema';
import type { Executor } from '../../platform/db/database';

/**
 * The operator's own row in `platform_settings` (beside the cloud module's `platform` row): the
 * time of the last sign-out, which ends every sign-in issued up to it.
 */
const SESSION_KEY = 'operator';

export async function signedOutBefore(db: Executor): Promise<number> {
  const [row] = await db
    .select({ data: platformSettings.data })
    .from(platformSettings)
    .where(eq(platformSettings.key, SESSION_KEY));
  const at = (row?.data as { signedOutAt?: unknown } | undefined)?.signedOutAt;
  return typeof at === 'number' ? at : 0;
}

/** Sign-out: every token issued up to `at` stops working, in every process. */
export async function signOutAll(db: Executor, at: number, now: Date): Promise<void> {
  await db
    .insert(platformSettings)
    .values({ key: SESSION_KEY, data: { signedOutAt: at }, updatedAt: now })
    .onConflictDoUpdate({ target: platformSettings.key, set: { data: { signedOutAt: at }, updatedAt: now } });
}
