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
