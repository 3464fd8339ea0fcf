import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, type ItemOf, type QueryOf, type ResponseOf } from '../../app/api';

export type TicketType = ItemOf<'listTicketTypes'>;
export type Dashboard = ResponseOf<'getDashboard'>;

/** The departments a customer may write to (the server narrows the list for customers). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => call('listDepartments', { query: { pageSize: 100 } }),
    staleTime: 5 * 60_000,
  });
}

/** Active ticket types (C2). */
export function useTicketTypes() {
  return useQuery({
    queryKey: ['ticket-types'],
    queryFn: () => call('listTicketTypes'),
    staleTime: 5 * 60_000,
  });
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => call('getDashboard') });
}

/** The customer's tickets with these filters (the key and the request share one object, so they cannot drift). */
export function useMyTickets(filters: QueryOf<'listTickets'>) {
  return useQuery({
    queryKey: ['tickets', 'mine', filters],
    queryFn: () => call('listTickets', { query: filters }),
    placeholderData: keepPreviousData,
  });
}
