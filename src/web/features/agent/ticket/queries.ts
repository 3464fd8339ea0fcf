import { useQuery } from '@tanstack/react-query';
import { call } from '../../../app/api';
import type { Agent } from './types';

/** The keys the shell's live stream invalidates (`['ticket', number]` covers every part). */
export const ticketKey = (n: number) => ['ticket', n] as const;
export const messagesKey = (n: number) => ['ticket', n, 'messages'] as const;
export const eventsKey = (n: number) => ['ticket', n, 'events'] as const;
export const viewsKey = (n: number) => ['ticket', n, 'views'] as const;

export const useTicket = (n: number) =>
  useQuery({ queryKey: ticketKey(n), queryFn: () => call('getTicket', { path: { number: n } }) });

export const useMessages = (n: number) =>
  useQuery({
    queryKey: messagesKey(n),
    queryFn: async () => (await call('listTicketMessages', { path: { number: n } })).items,
  });

export const useEvents = (n: number, enabled: boolean) =>
  useQuery({
    queryKey: eventsKey(n),
    enabled,
    queryFn: async () => (await call('listTicketEvents', { path: { number: n } })).items,
  });

export const useViews = (n: number, enabled: boolean) =>
  useQuery({
    queryKey: viewsKey(n),
    enabled,
    queryFn: async () => (await call('listTicketViews', { path: { number: n } })).items,
  });

// Lookups carry a second key part so another page caching a different shape under the bare key never collides.
const LOOKUP = { staleTime: 5 * 60_000 };

export const useDepartments = () =>
  useQuery({
    queryKey: ['departments', 'page100'],
    ...LOOKUP,
    queryFn: async () => (await call('listDepartments', { query: { pageSize: 100 } })).items,
  });

export const useTicketTypes = () =>
  useQuery({
    queryKey: ['ticket-types', 'page'],
    ...LOOKUP,
    queryFn: async () => (await call('listTicketTypes')).items,
  });

export const useTags = (enabled = true) =>
  useQuery({
    queryKey: ['tags', 'page100'],
    ...LOOKUP,
    enabled,
    queryFn: async () => (await call('listTags', { query: { pageSize: 100 } })).items,
  });

/** Staff who can be assigned or follow: agents and admins (the list filters one role at a time). */
export const useAgents = (enabled = true) =>
  useQuery({
    queryKey: ['agents', 'assignable'],
    ...LOOKUP,
    enabled,
    queryFn: async () => {
      const [agents, admins] = await Promise.all(
        (['agent', 'admin'] as const).map((role) =>
          call('listUsers', { query: { role, active: true, pageSize: 100 } }),
        ),
      );
      return [...agents.items, ...admins.items].map((u): Agent => ({
        id: u.id,
        name: u.name || u.username,
        username: u.username,
        role: u.role,
        away: u.away,
      }));
    },
  });
