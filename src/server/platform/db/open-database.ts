import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
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
  /** Where lost connections are reported (the app's logger); silent when absent. */
  log?: WarnLog;
}

/** The part of the app's logger the database reports to. */
export interface WarnLog {
  warn(obj: object, msg: string): void;
}

/** How long a request waits for a pooled connection before it is told the database is away. */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.logger, opts.log)
    : openEmbedded(opts.dataDir ?? './data', opts.logger);
}

async function openPostgres(url: string, max: number, logger?: Logger, log?: WarnLog): Promise<Database> {
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
    // Without it a request would wait for a connection for ever when the server does not answer.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // A restart or crash of PostgreSQL makes every open connection emit 'error'. pg-pool listens
  // only while a client sits idle; a client lent to a query or transaction has no listener, and
  // an 'error' without one is thrown and ends the process. So every client gets its own listener
  // for its whole life: the query in flight fails (answered 503 by the error handler) and the pool
  // drops the broken client when it is released.
  const lost = connectionLostReporter(log);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  // Fail fast with a clear error when the server is unreachable.
  const first = await pool.connect();
  first.release();
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
  const listener = createPgListener(url, {
    onError: (err) => log?.warn({ err: err.message }, 'live events connection (LISTEN) lost; reconnecting'),
  });
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows };
    },
    async probe(text, timeoutMs) {
      // A connection of its own, not the pool's: a full pool must not make the probe wait.
      const c = new pg.Client({
        connectionString: url,
        application_name: 'pishkhan-probe',
        connectionTimeoutMillis: timeoutMs,
        query_timeout: timeoutMs,
      });
      c.on('error', () => {}); // reported by connect() or query() below
      try {
        return await withTimeout(
          (async () => {
            await c.connect();
            return { rows: (await c.query(text)).rows };
          })(),
          timeoutMs,
        );
      } finally {
        void c.end().catch(() => {});
      }
    },
    listen: (channel, onPayload, onGap) => listener.listen(channel, onPayload, onGap),
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
    client = await PGlite.create(inMemory ? 'memory://' : join(dataDir, 'pgdata'), {
      extensions: { pg_trgm, btree_gin },
    });
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
    async probe(text, timeoutMs) {
      const r = await withTimeout(client.query(text), timeoutMs);
      return { rows: r.rows as never[] };
    },
    // In-process: PGlite's notifications cannot be lost to a dropped connection, so no gap.
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

/** Rejects when `promise` has not settled within `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Connection terminated: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Logs a lost pooled connection, once per second at most: a restart breaks every connection of
 * the pool at once, and one line says it as well as ten.
 */
function connectionLostReporter(log?: WarnLog) {
  let last = 0;
  return (err: Error) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    log?.warn({ err: err.message, code: (err as { code?: string }).code }, 'database connection lost');
  };
}
