import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';

/** Hourly: expired sessions, used or expired reset tokens and old rate-limit windows go. */
export async function cleanup(deps: AppDeps) {
  const now = deps.clock.now();
  const db = deps.database.db;
  await db.execute(sql`delete from sessions where expires_at < ${now}`);
  await db.execute(sql`delete from password_resets where expires_at < ${new Date(now.getTime() - 86400000)}`);
  await db.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86400000)}`);
}
