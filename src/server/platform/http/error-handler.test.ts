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
});
