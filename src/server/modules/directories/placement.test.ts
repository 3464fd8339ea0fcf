import { describe, expect, it } from 'vitest';
import { placementOf } from './placement';

const agents = 'cn=agents,ou=groups,dc=example,dc=org';
const admins = 'cn=admins,ou=groups,dc=example,dc=org';
const it2 = 'cn=it,ou=groups,dc=example,dc=org';
const mappings = [
  {
    groupDn: 'CN=Agents, OU=Groups, DC=example, DC=org',
    role: 'agent' as const,
    accessLevelId: '7',
    departmentIds: ['1'],
  },
  { groupDn: it2, role: 'agent' as const, departmentIds: ['2', '1'] },
  { groupDn: admins, role: 'admin' as const },
];

describe('placement of a directory person', () => {
  it('takes the highest role, the first level given for it, and every staff mapping’s departments', () => {
    expect(placementOf(mappings, new Set([agents, it2]), 'customer')).toEqual({
      role: 'agent',
      accessLevelId: 7,
      departmentIds: [1, 2],
    });
    expect(placementOf(mappings, new Set([agents, admins]), 'customer')).toEqual({
      role: 'admin',
      accessLevelId: null,
      departmentIds: [1],
    });
  });

  it('gives people in no mapped group the default role, or no account', () => {
    expect(placementOf(mappings, new Set(), 'customer')).toEqual({
      role: 'customer',
      accessLevelId: null,
      departmentIds: [],
    });
    expect(placementOf(mappings, new Set(['cn=other,dc=example,dc=org']), 'none')).toBeNull();
  });
});
