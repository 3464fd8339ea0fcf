import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database';

/**
 * Advisory lock class of a workspace's report days and months: one refresh, build step or month
 * sum at a time, so a month is never added up from days a refresh is recounting.
 */
export const REPORT_LOCK_CLASS = 7_420_004;

/** Takes the workspace's report lock until the transaction ends. */
export const lockReports = (db: Executor, ws: number) =>
  queryRows(db, sql`select pg_advisory_xact_lock(${REPORT_LOCK_CLASS}, ${ws}::int)`);
