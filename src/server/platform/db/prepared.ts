import { createHash } from 'node:crypto';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './database';

/** The driver's connection (or pool) behind a Drizzle handle or transaction (see rawOf). */
type Client = {
  query(config: unknown, values?: unknown[], options?: unknown): Promise<{ rows: unknown[] }>;
  exec?: unknown;
};
const clientOf = (db: Executor) => (db as unknown as { session: { client: Client } }).session.client;

/** Timestamps as PostgreSQL writes them, as Drizzle's PGlite driver reads them for `execute`. */
const PGLITE_TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
const PGLITE_OPTIONS = {
  rowMode: 'object',
  parsers: Object.fromEntries(PGLITE_TEXT_TYPES.map((oid) => [oid, (v: string) => v])),
};

/**
 * A statement of a fixed shape that runs on (nearly) every request — the session behind a
 * cookie, the names of a page's people and departments — as a named prepared statement:
 * PostgreSQL parses and plans it once per connection instead of on every call (the session
 * lookup: 0.97 → 0.18 ms at pgbench, bench/README.md). Only for statements whose best plan does
 * not depend on the values (lookups by key): a generic plan is what PostgreSQL settles on.
 *
 * `text` uses $1…$n; `values` are bound as node-postgres binds them (arrays as PostgreSQL
 * arrays). PGlite (the embedded database, one connection in-process) runs the same text with the
 * values, unnamed, and reads timestamps as text, as Drizzle's `execute` does there.
 */
export function preparedStatement<T>(name: string, text: string) {
  return async (db: Executor, values: unknown[]): Promise<T[]> => {
    const client = clientOf(db);
    if (client.exec !== undefined) return (await client.query(text, values, PGLITE_OPTIONS)).rows as T[];
    return (await client.query({ name, text, values })).rows as T[];
  };
}

/** The name a statement's text is prepared under: the same text, the same statement on every connection. */
export const statementName = (text: string) => `s_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;

/**
 * A statement built per request whose text takes only a few shapes (the ticket page's: a handful
 * of optional parts), run as a named prepared statement named by its text: PostgreSQL plans it
 * once per connection and keeps the plan, where planning cost three to ten times its execution (the ticket page: 1.3 ms of planning for 0.4 ms of work,
 * bench/README.md). Only for lookups by key, as preparedStatement, and only where the texts are
 * few and bounded (each is a statement held by every connection): a list of any length is passed
 * as one array, never spelled out value by value (docs/CONVENTIONS.md).
 */
export async function queryPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  // The handle's own dialect (its casing) and logger: as Drizzle's execute renders and logs it.
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: { logger?: Logger } };
  const { sql: text, params } = dialect.sqlToQuery(query);
  session.logger?.logQuery(text, params);
  return preparedStatement<T>(statementName(text), text)(db, params);
}

/** node-postgres's prepared query as Drizzle builds it: the text it sends, under a name. */
type NodePgPrepared = { rawQueryConfig?: { name?: string; text?: string }; queryConfig?: { name?: string } };

/**
 * The same for a Drizzle query (select … from …, update … returning …): prepared under its text's
 * name, its rows mapped by Drizzle. The query is rendered once: Drizzle prepares it unnamed, and the
 * name of the text it rendered is given to both of node-postgres's configs (rendering a select of
 * thirty columns costs ~0.1 ms; `toSQL()` first would render it twice). PGlite has no names: its
 * query runs as rendered. prepared-statements.test.ts checks that the statement is prepared.
 */
export function runPrepared<R>(query: { prepare(name: string): { execute(): Promise<R> } }): Promise<R> {
  const prepared = query.prepare('');
  const { rawQueryConfig: raw, queryConfig } = prepared as unknown as NodePgPrepared;
  if (typeof raw?.text === 'string' && queryConfig) raw.name = queryConfig.name = statementName(raw.text);
  return prepared.execute();
}
