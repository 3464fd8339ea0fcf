import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

const DAY_MS = 86_400_000;
const FILE_BATCH = 500;

/**
 * Hourly: expired sessions, old reset tokens, rate-limit windows, sign-in failures and
 * idempotency keys (after a day) go; so do files nothing refers to after a day — uploads never
 * attached to a message, replaced avatars, logos and login images — first their bytes, then
 * their rows.
 */
export async function cleanup(deps: AppDeps) {
  const now = deps.clock.now();
  const db = deps.database.db;
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await db.execute(sql`delete from sessions where expires_at < ${now}`);
  await db.execute(sql`delete from password_resets where expires_at < ${dayAgo}`);
  await db.execute(sql`delete from rate_limits where window_start < ${dayAgo}`);
  await db.execute(sql`delete from sign_in_failures where next_try_at < ${dayAgo}`);
  await db.execute(sql`delete from idempotency_keys where created_at < ${dayAgo}`);
  for (;;) {
    const orphans = await queryRows<{ id: number; storage_key: string }>(
      db,
      sql`select f.id, f.storage_key from files f
          where f.created_at < ${dayAgo} and (
            (f.purpose = 'attachment' and f.message_id is null)
            or (f.purpose = 'avatar' and not exists (select 1 from users u where u.avatar_file_id = f.id))
            or (f.purpose in ('logo', 'login_image') and not exists (
                  select 1 from settings s where s.workspace_id = f.workspace_id
                  and f.id in ((s.data->>'logoFileId')::bigint, (s.data->>'loginImageFileId')::bigint))))
          limit ${FILE_BATCH}`,
    );
    if (!orphans.length) break;
    for (const f of orphans) await deps.storage.delete(f.storage_key);
    await db.execute(
      sql`delete from files where id in (${sql.join(
        orphans.map((f) => sql`${f.id}`),
        sql`, `,
      )})`,
    );
    if (orphans.length < FILE_BATCH) break;
  }
}
