import type { DirectoryGroupMapping } from '../../../db/schema';
import { normalizeDn } from './ldap-filter';

/** What a directory person becomes here: a role, and for staff an access level and departments. */
export interface Placement {
  role: 'admin' | 'agent' | 'customer';
  /** null: the workspace's default level for agents. */
  accessLevelId: number | null;
  departmentIds: number[];
}

const RANK = { customer: 1, agent: 2, admin: 3 } as const;

/**
 * The mappings a person's groups match decide: the highest role among them, the first access
 * level given for that role, and the departments of every matched staff mapping. In no mapped
 * group, the directory's default role (`none`: no account, null).
 */
export function placementOf(
  mappings: DirectoryGroupMapping[],
  groups: Set<string>,
  defaultRole: 'customer' | 'none',
): Placement | null {
  const matched = mappings.filter((m) => groups.has(normalizeDn(m.groupDn)));
  if (!matched.length)
    return defaultRole === 'customer' ? { role: 'customer', accessLevelId: null, departmentIds: [] } : null;
  const role = matched.reduce<Placement['role']>((r, m) => (RANK[m.role] > RANK[r] ? m.role : r), 'customer');
  const level = matched.find((m) => m.role === role && m.accessLevelId)?.accessLevelId;
  const departmentIds =
    role === 'customer'
      ? []
      : [...new Set(matched.filter((m) => m.role !== 'customer').flatMap((m) => m.departmentIds ?? []))].map(Number);
  return { role, accessLevelId: level ? Number(level) : null, departmentIds };
}
