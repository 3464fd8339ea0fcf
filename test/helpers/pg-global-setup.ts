import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db/open-database';
import { migrate } from '../../src/server/platform/db/migrate';

/**
 * Creates a fresh PostgreSQL database for the integration run and migrates it once. Each test
 * file then works in workspaces of its own, side by side, as tenants do in production.
 */
export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One database per run, so that runs side by side (several developers, helpers) never collide.
export const TEST_DB = process.env.TEST_PG_DATABASE ?? `pishkhan_test_${process.pid}`;

export function testDatabaseUrl(name = TEST_DB) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function recreateDatabase(name: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (${(err as Error).message}). Install and start it: apt-get install postgresql (Debian package "postgresql").`,
    );
  }
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
}

export async function dropDatabase(name: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

export default async function setup() {
  await recreateDatabase(TEST_DB);
  const database = await openDatabase({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
  await migrate(database);
  await database.close();
  process.env.TEST_DATABASE_URL = testDatabaseUrl();
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(TEST_DB);
  };
}
