import { describe, expect, it } from 'vitest';
import { toAppError } from './error-handler';

describe('toAppError', () => {
  it('answers a unique violation wrapped by Drizzle (in `cause`) as the bare one', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint "x_uq"'), {
      code: '23505',
      constraint: 'x_uq',
    });
    const wrapped = new Error('Failed query: insert into …', { cause: driver });
    expect(toAppError(driver).code).toBe('conflict');
    expect(toAppError(wrapped).code).toBe('conflict');
    expect(toAppError(wrapped).status).toBe(409);
  });

  it('leaves other wrapped database errors internal', () => {
    const wrapped = new Error('Failed query', { cause: Object.assign(new Error('syntax'), { code: '42601' }) });
    expect(toAppError(wrapped).code).toBe('internal');
  });

  it('answers a statement cancelled by statement_timeout, or a lock not had in time, 503 with Retry-After', () => {
    for (const code of ['57014', '55P03']) {
      const driver = Object.assign(new Error('canceling statement due to statement timeout'), { code });
      const e = toAppError(new Error('Failed query: select …', { cause: driver }));
      expect(e, code).toMatchObject({ code: 'timeout', status: 503, retryAfter: 5, msg: { key: 'errors.timeout' } });
    }
  });
});
