import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'drizzle-orm';
import { join } from 'node:path';
import * as schema from '../../../db/schema';
import type { Database, Db } from './database';
import { createPgListener } from './pg-listener';
import { lockDataDir } from './embedded-lock';

// bigint (int8) and numeric come back from pg as strings; our ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; `memory://` runs PGlite in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Sees every statement Drizzle sends (bench/explain.ts captures the app's SQL with it). */
  logger?: Logger;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.logger)
    : openEmbedded(opts.dataDir ?? './data', opts.logger);
}

async function openPostgres(url: string, max: number, logger?: Logger): Promise<Database> {
  // A statement that outlives any client's patience is stopped, so a burst of heavy queries
  // cannot pile up behind requests that were given up long ago.
  // JIT compilation and parallel workers pay off for long analytic queries, not for the many
  // short ones a helpdesk serves at once; at a million tickets JIT added tens of milliseconds
  // to list counts (docs/queries.md), and parallel workers only compete for the same cores.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'pishkhan',
    statement_timeout: 15_000,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  pool.on('error', () => {}); // an idle client's error must not crash the process; the next query reports it
  // Fail fast with a clear error when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
  const listener = createPgListener(url);
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows };
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

async function openEmbedded(dataDir: string, logger?: Logger): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? 'memory://' : join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case', logger }) as unknown as Db;
  return {
    kind: 'embedded',
    db,
    async executeSql(text, values) {
      // pg-boss sends parameterless multi-statement SQL, which PGlite runs only with exec().
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as never[] };
      }
      const r = await client.query(text, values as unknown[]);
      return { rows: r.rows as never[] };
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => unlisten();
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
