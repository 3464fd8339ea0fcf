import { useQuery } from '@tanstack/react-query';
import type { TDepartment } from '../../../../contracts/organisation';
import type { TUser } from '../../../../contracts/people';
import { get, type Page } from '../../../app/api';

export interface Named {
  id: string;
  name: string;
}

// The keys start with the lookup's name (so an invalidation of ['departments'] reaches them)
// and carry the query, so they never clash with another page's differently shaped entry.
const LOOKUP = { staleTime: 5 * 60_000 };

export function useDepartments() {
  return useQuery({
    queryKey: ['departments', { pageSize: 100 }],
    queryFn: () => get<Page<TDepartment>>('/departments', { pageSize: 100 }),
    ...LOOKUP,
  });
}

export function useTicketTypes() {
  return useQuery({
    queryKey: ['ticket-types', 'list'],
    queryFn: () => get<Page<Named & { active: boolean }>>('/ticket-types'),
    ...LOOKUP,
  });
}

export function useTags() {
  return useQuery({
    queryKey: ['tags', { pageSize: 100 }],
    queryFn: () => get<Page<Named>>('/tags', { pageSize: 100 }),
    ...LOOKUP,
  });
}

/** Everyone who can hold a ticket: agents and admins. */
export function useStaff() {
  return useQuery({
    queryKey: ['users', 'staff'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all([
        get<Page<TUser>>('/users', { role: 'agent', pageSize: 100, active: true }),
        get<Page<TUser>>('/users', { role: 'admin', pageSize: 100, active: true }),
      ]);
      return [...agents.items, ...admins.items].map((u) => ({ id: u.id, name: u.name || u.username }));
    },
    ...LOOKUP,
  });
}
