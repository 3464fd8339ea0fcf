import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../../../app/api';
import type { TUser } from '../../../../contracts/people';
import type { Agent, Department, Tag, TicketEvent, TicketType, TicketView, TMessage, TTicket } from './types';

/** The keys the shell's live stream invalidates (`['ticket', number]` covers every part). */
export const ticketKey = (n: number) => ['ticket', n] as const;
export const messagesKey = (n: number) => ['ticket', n, 'messages'] as const;
export const eventsKey = (n: number) => ['ticket', n, 'events'] as const;
export const viewsKey = (n: number) => ['ticket', n, 'views'] as const;

export const useTicket = (n: number) =>
  useQuery({ queryKey: ticketKey(n), queryFn: () => get<TTicket>(`/tickets/${n}`) });

export const useMessages = (n: number) =>
  useQuery({
    queryKey: messagesKey(n),
    queryFn: async () => (await get<{ items: TMessage[] }>(`/tickets/${n}/messages`)).items,
  });

export const useEvents = (n: number, enabled: boolean) =>
  useQuery({
    queryKey: eventsKey(n),
    enabled,
    queryFn: async () => (await get<{ items: TicketEvent[] }>(`/tickets/${n}/events`)).items,
  });

export const useViews = (n: number, enabled: boolean) =>
  useQuery({
    queryKey: viewsKey(n),
    enabled,
    queryFn: async () => (await get<{ items: TicketView[] }>(`/tickets/${n}/views`)).items,
  });

// Lookups carry a second key part so another page caching a different shape under the bare key never collides.
const LOOKUP = { staleTime: 5 * 60_000 };

export const useDepartments = () =>
  useQuery({
    queryKey: ['departments', 'page100'],
    ...LOOKUP,
    queryFn: async () => (await get<Page<Department>>('/departments', { pageSize: 100 })).items,
  });

export const useTicketTypes = () =>
  useQuery({
    queryKey: ['ticket-types', 'page'],
    ...LOOKUP,
    queryFn: async () => (await get<Page<TicketType>>('/ticket-types')).items,
  });

export const useTags = (enabled = true) =>
  useQuery({
    queryKey: ['tags', 'page100'],
    ...LOOKUP,
    enabled,
    queryFn: async () => (await get<Page<Tag>>('/tags', { pageSize: 100 })).items,
  });

/** Staff who can be assigned or follow: agents and admins (the list filters one role at a time). */
export const useAgents = (enabled = true) =>
  useQuery({
    queryKey: ['agents', 'assignable'],
    ...LOOKUP,
    enabled,
    queryFn: async () => {
      const [agents, admins] = await Promise.all(
        (['agent', 'admin'] as const).map((role) => get<Page<TUser>>('/users', { role, active: true, pageSize: 100 })),
      );
      return [...agents.items, ...admins.items].map((u): Agent => ({
        id: u.id,
        name: u.name || u.username,
        username: u.username,
        role: u.role,
      }));
    },
  });
