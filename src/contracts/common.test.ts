import { describe, expect, it } from 'vitest';
import { ZSettingsPatch } from './settings';
import { ZUpdateDepartment } from './organisation';
import { ZUpdateUser } from './people';

describe('patch schemas', () => {
  it('keep only what the client sent: no create defaults sneak in', () => {
    expect(ZSettingsPatch.parse({ title: 'x' })).toEqual({ title: 'x' });
    expect(ZSettingsPatch.parse({ contact: { phone: '1' } })).toEqual({ contact: { phone: '1' } });
    expect(ZUpdateUser.parse({ name: 'n' })).toEqual({ name: 'n' });
    expect(ZUpdateDepartment.parse({ active: false })).toEqual({ active: false });
  });
  it('refuse an empty patch', () => {
    expect(ZSettingsPatch.safeParse({}).success).toBe(false);
    expect(ZUpdateUser.safeParse({}).success).toBe(false);
  });
});

describe('id params', () => {
  it('give the route numbers', async () => {
    const { ZIdParams } = await import('./common');
    const { ZNumberAndIdParams } = await import('./tickets');
    const { ZQuarantineParams } = await import('./mail');
    expect(ZIdParams.parse({ id: '42' })).toEqual({ id: 42 });
    expect(ZNumberAndIdParams.parse({ number: '#7', id: '9' })).toEqual({ number: 7, id: 9 });
    expect(ZQuarantineParams.parse({ id: '3', entryId: '1234567890123' })).toEqual({ id: 3, entryId: 1234567890123 });
  });
  it('refuse malformed ids', async () => {
    const { ZIdParams } = await import('./common');
    for (const id of ['abc', '0', '-1', '1e5', '01', '12345678901234567', ' 1'])
      expect(ZIdParams.safeParse({ id }).success, id).toBe(false);
  });
});
