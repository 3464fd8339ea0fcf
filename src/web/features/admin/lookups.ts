import { useQuery } from '@tanstack/react-query';
import { call } from '../../app/api';
import type { OrgUnit } from './types';

/**
 * Small catalogues the admin forms pick from. They live under ['admin', ...] so their shape
 * never clashes with the lookups other screens keep under ['departments'] and the like.
 */
export const useDepartmentsLookup = () =>
  useQuery({
    queryKey: ['admin', 'departments', 'all'],
    queryFn: () => call('listDepartments', { query: { pageSize: 100 } }),
  });

export const useAccessLevelsLookup = () =>
  useQuery({
    queryKey: ['admin', 'access-levels'],
    queryFn: () => call('listAccessLevels', { query: { pageSize: 100 } }),
  });

export const useGroupsLookup = (kind: 'customer' | 'agent') =>
  useQuery({
    queryKey: ['admin', 'groups', 'all', kind],
    queryFn: () => call('listGroups', { query: { kind, pageSize: 100 } }),
  });

export const useOrgUnitsLookup = () =>
  useQuery({ queryKey: ['admin', 'org-units'], queryFn: () => call('listOrgUnits') });

/** Up to 100 people linked to a department or a group (their current agents or members). */
export const useLinkedUsers = (by: 'departmentId' | 'groupId', id: string | undefined) =>
  useQuery({
    queryKey: ['admin', 'users', 'linked', by, id],
    queryFn: () =>
      call('listUsers', {
        query: by === 'departmentId' ? { departmentId: id, pageSize: 100 } : { groupId: id, pageSize: 100 },
      }),
    enabled: !!id,
  });

/** Org units in tree order (parents before their children) with their depth. */
export function orgUnitTree(units: OrgUnit[]): Array<OrgUnit & { depth: number }> {
  const byParent = new Map<string | null, OrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: Array<OrgUnit & { depth: number }> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const u of byParent.get(parent) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  // A cycle would leave units unreachable from the roots; show them anyway.
  for (const u of units) if (!seen.has(u.id)) out.push({ ...u, depth: 0 });
  return out;
}

/** Agents and admins (up to 100 of each), for showing names such as a department's manager. */
export const useStaffLookup = () =>
  useQuery({
    queryKey: ['admin', 'users', 'staff'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all(
        (['agent', 'admin'] as const).map((role) => call('listUsers', { query: { role, pageSize: 100 } })),
      );
      return [...agents.items, ...admins.items];
    },
  });
