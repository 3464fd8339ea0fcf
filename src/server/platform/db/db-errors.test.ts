import { describe, expect, it } from 'vitest';
import { toAppError } from '../http/error-handler';
import { isDatabaseUnavailable } from './db-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database unavailability is recognised in one place', () => {
  it.each([
    ['57P01 admin_shutdown (a restart)', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash_shutdown', pgError('57P02')],
    ['57P03 cannot_connect_now (starting up)', pgError('57P03', 'the database system is starting up')],
    ['08006 connection_failure', pgError('08006')],
    ['08001 cannot establish', pgError('08001')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', pgError('ECONNRESET')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a full pool that found no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'wrapped by Drizzle in `cause`',
      Object.assign(new Error('Failed query: insert into …'), { cause: pgError('57P01') }),
    ],
  ])('%s → 503 database_unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const app = toAppError(err);
    expect([app.status, app.code, app.msg.key, app.retryAfter]).toEqual([
      503,
      'database_unavailable',
      'errors.database_unavailable',
      2,
    ]);
  });

  it.each([
    ['a syntax error', pgError('42601')],
    ['a unique violation', pgError('23505')],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['nothing at all', undefined],
    ['a string', 'Connection'],
  ])('%s is not', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    if (err instanceof Error) expect(toAppError(err).code).not.toBe('database_unavailable');
  });
});
