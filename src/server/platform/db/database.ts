import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import type * as schema from '../../../db/schema';
import { statementName } from './prepared';

export type Schema = typeof schema;
/** The Drizzle handle, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Something that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface RawResult<T = Record<string, unknown>> {
  rows: T[];
}

/** Raw SQL access, used by pg-boss and by the few statements Drizzle cannot express. */
export interface RawSql {
  executeSql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<RawResult<T>>;
}

export interface Database extends RawSql {
  kind: 'embedded' | 'postgres';
  db: Db;
  /**
   * Runs one short query on a connection outside the pool and gives up after `timeoutMs`
   * (readiness checks: they must answer in time even when the pool is full or the server hangs).
   */
  probe<T = Record<string, unknown>>(text: string, timeoutMs: number): Promise<RawResult<T>>;
  /**
   * Subscribe to a LISTEN channel; returns the function that unsubscribes. `onGap` is called
   * when listening resumes after the connection was lost: notifications sent in between are gone.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** pg-boss's `send` and `insert` statements (plans.js insertJob, insertJobs). */
const JOB_INSERT = /^\s*(INSERT INTO \w+\.job \(|WITH defaults as \()/;

/**
 * Raw access inside a Drizzle transaction, so that pg-boss can enqueue a job in the same
 * transaction as the change that causes it. Both drivers keep their connection (pg's
 * PoolClient or PGlite's Transaction) at `session.client`, and both offer query(text, values).
 */
export function rawOf(executor: Executor): RawSql {
  const client = (
    executor as unknown as {
      session: {
        client: {
          query(
            text: string | { name: string; text: string; values: unknown[] },
            values?: unknown[],
          ): Promise<{ rows: never[] }>;
          exec?: unknown;
        };
      };
    }
  ).session.client;
  return {
    async executeSql(text, values) {
      // pg-boss's two job inserts (fixed texts, sent in most writes' transactions) are prepared
      // under their text: planning them cost as much as running them. PGlite has no names.
      const result =
        client.exec === undefined && JOB_INSERT.test(text)
          ? await client.query({ name: statementName(text), text, values: values ?? [] })
          : await client.query(text, values ?? []);
      return { rows: result.rows };
    },
  };
}

/** Runs a raw Drizzle `sql` query and returns its rows; both drivers answer with `{ rows }`. */
/** A text[] literal of bound values (drizzle would otherwise spread an array into a list). */
export function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

export async function queryRows<T>(db: Executor, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
