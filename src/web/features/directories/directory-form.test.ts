/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Directory } from './api';
import {
  createBody,
  DEFAULT_USER_FILTER,
  initialForm,
  newMapping,
  patchBody,
  PRESETS,
  presetOf,
  signature,
} from './directory-form';
import { moved } from './reorder';

const saved: Directory = {
  id: '7',
  name: 'University AD',
  url: 'ldaps://dc1.example.com',
  startTls: false,
  caCert: null,
  verifyTls: true,
  bindDn: 'cn=reader,dc=example,dc=com',
  bindPasswordSet: true,
  baseDn: 'dc=example,dc=com',
  userFilter: DEFAULT_USER_FILTER,
  attributes: { ...PRESETS.ad },
  activeDirectory: true,
  nestedGroups: true,
  groupMappings: [{ groupDn: 'cn=agents,dc=example,dc=com', role: 'agent', accessLevelId: '3', departmentIds: ['1'] }],
  defaultRole: 'customer',
  syncIntervalMinutes: 60,
  active: true,
  position: 10,
  people: 4,
  lastSyncAt: null,
  lastSyncReport: null,
  lastSyncError: null,
  nextSyncAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('directory form', () => {
  it('keeps the contract default user filter', () => {
    // Read as text: the web app imports no values from the contracts (zod would come with them).
    const contract = readFileSync(new URL('../../../contracts/directories.ts', import.meta.url), 'utf8');
    expect(contract).toContain(`DEFAULT_USER_FILTER = '${DEFAULT_USER_FILTER}';`);
  });

  it('sends a new directory whole, the password only when typed', () => {
    const f = { ...initialForm(null), name: ' Lab ', url: 'ldap://ldap.lab:389', baseDn: 'dc=lab' };
    const body = createBody(f, 20);
    expect(body).toMatchObject({ name: 'Lab', url: 'ldap://ldap.lab:389', baseDn: 'dc=lab', position: 20 });
    expect(body).not.toHaveProperty('bindPassword');
    expect(createBody({ ...f, bindPassword: 's3cret' }, 0).bindPassword).toBe('s3cret');
  });

  it('patches only what changed; the stored password is kept, replaced or removed', () => {
    const start = initialForm(saved);
    expect(patchBody(start, start)).toEqual({});
    expect(patchBody({ ...start, name: 'AD' }, start)).toEqual({ name: 'AD' });
    expect(patchBody({ ...start, bindPassword: 'new' }, start)).toEqual({ bindPassword: 'new' });
    expect(patchBody({ ...start, clearPassword: true }, start)).toEqual({ bindPassword: '' });
  });

  it('leaves out what a setting makes meaningless: STARTTLS on ldaps, nested groups without AD, levels of non-agents', () => {
    const start = initialForm(saved);
    const f = {
      ...start,
      startTls: true,
      activeDirectory: false,
      groupMappings: [{ ...start.groupMappings[0], role: 'customer' as const }],
    };
    const body = patchBody(f, start);
    expect(body).not.toHaveProperty('startTls');
    expect(body).toMatchObject({
      activeDirectory: false,
      nestedGroups: false,
      groupMappings: [
        { groupDn: 'cn=agents,dc=example,dc=com', role: 'customer', accessLevelId: null, departmentIds: [] },
      ],
    });
  });

  it('knows the presets, and the row keys never count as a change', () => {
    expect(presetOf(PRESETS.openldap)).toBe('openldap');
    expect(presetOf({ ...PRESETS.openldap, mobile: 'telephoneNumber' })).toBeNull();
    const a = initialForm(saved);
    const b = { ...a, groupMappings: a.groupMappings.map((m) => ({ ...m, key: m.key + 100 })) };
    expect(signature(a)).toBe(signature(b));
    expect(signature({ ...a, groupMappings: [...a.groupMappings, newMapping()] })).not.toBe(signature(a));
  });
});

describe('reorder', () => {
  const list = [
    { id: 'a', position: 0 },
    { id: 'b', position: 0 },
    { id: 'c', position: 5 },
  ];
  it('renumbers the new order and writes only the positions that change', () => {
    const { order, changes } = moved(list, 'c', -1);
    expect(order.map((d) => d.id)).toEqual(['a', 'c', 'b']);
    expect(changes).toEqual([
      { id: 'c', position: 10 },
      { id: 'b', position: 20 },
    ]);
  });
  it('does nothing past either end', () => {
    expect(moved(list, 'a', -1).changes).toEqual([]);
    expect(moved(list, 'c', 1).changes).toEqual([]);
  });
});
