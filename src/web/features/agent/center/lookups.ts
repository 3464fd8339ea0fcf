import { useQuery } from '@tanstack/react-query';
import { call } from '../../../app/api';

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
    queryFn: () => call('listDepartments', { query: { pageSize: 100 } }),
    ...LOOKUP,
  });
}

export function useTicketTypes() {
  return useQuery({
    queryKey: ['ticket-types', 'list'],
    queryFn: () => call('listTicketTypes'),
    ...LOOKUP,
  });
}

export function useTags() {
  return useQuery({
    queryKey: ['tags', { pageSize: 100 }],
    queryFn: () => call('listTags', { query: { pageSize: 100 } }),
    ...LOOKUP,
  });
}

/** Everyone who can hold a ticket: agents and admins. */
export function useStaff() {
  return useQuery({
    queryKey: ['users', 'staff'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all([
        call('listUsers', { query: { role: 'agent', pageSize: 100, active: true } }),
        call('listUsers', { query: { role: 'admin', pageSize: 100, active: true } }),
      ]);
      return [...agents.items, ...admins.items].map((u) => ({ id: u.id, name: u.name || u.username }));
    },
    ...LOOKUP,
  });
}
