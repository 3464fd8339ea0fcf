import { AppError } from '../errors';

/**
 * SQLSTATEs and socket errors that mean "the database cannot be reached right now", as
 * opposed to "this statement is wrong": 57P01 admin_shutdown (a restart terminated the
 * session), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down),
 * class 08 (connection exceptions), and the socket's own refusals and resets.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres and pg-pool say when a connection dies or cannot be had in time. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to/i;

/**
 * True when `err` (or an error it wraps: Drizzle wraps the driver's error in `cause`) says the
 * database is unreachable. The one place such errors are recognised; the HTTP layer answers
 * them with 503 `database_unavailable`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = e.code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER = 2;

/** The translated 503 for a database that cannot be reached. */
export const databaseUnavailable = () =>
  new AppError(
    'database_unavailable',
    { key: 'errors.database_unavailable' },
    undefined,
    undefined,
    DATABASE_RETRY_AFTER,
  );
