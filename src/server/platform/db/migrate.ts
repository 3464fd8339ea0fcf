import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { queryRows, type Database } from './database';

export const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'src/db/migrations');

// An arbitrary constant: the advisory lock that serialises migrations across processes.
const MIGRATION_LOCK = 727_100_001;

/**
 * Applies pending migrations in one transaction. On PostgreSQL an advisory lock makes
 * concurrent starts of several processes safe; the second waits and then finds nothing to do.
 * Returns the tags of the migrations it applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const applied: string[] = [];
  await database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      // The pool stops a statement after 15 s (open-database.ts), which is for requests: a
      // migration rebuilding an index of a million tickets runs for minutes (0036: two GIN
      // indexes, 133 s with this memory) and must not be cancelled half-way.
      await tx.execute(sql`set local statement_timeout = 0`);
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    }
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const last = await queryRows<{ created_at: string }>(
      tx,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const lastAt = last[0] ? Number(last[0].created_at) : -1;
    for (const m of migrations) {
      if (m.folderMillis <= lastAt) continue;
      for (const statement of m.sql) if (statement.trim()) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
      );
      applied.push(String(m.folderMillis));
    }
  });
  return applied;
}

/** The folder's newest migration; the folder does not change while the process runs. */
let newestMigration: number | undefined;

/**
 * True when every migration in the folder has been applied (used by /readyz). Asked through
 * `probe`, on a connection of its own, so that it answers within `timeoutMs` even when the
 * pool is full or the server does not answer.
 */
export async function migrationsUpToDate(database: Database, timeoutMs = 800): Promise<boolean> {
  newestMigration ??= Math.max(
    ...readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis),
  );
  const newest = newestMigration;
  const r = await database.probe<{ at: string | null }>(
    'select max(created_at)::text as at from drizzle.__drizzle_migrations',
    timeoutMs,
  );
  return Number(r.rows[0]?.at ?? -1) >= newest;
}
