import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TDepartment, ZTicketType } from '../../../contracts/organisation';
import type { TTicketPage, ZDashboard } from '../../../contracts/tickets';
import { get, type Page, type RequestOptions } from '../../app/api';

export type TicketType = z.infer<typeof ZTicketType>;
export type Dashboard = z.infer<typeof ZDashboard>;

/** The departments a customer may write to (the server narrows the list for customers). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => get<Page<TDepartment>>('/departments', { pageSize: 100 }),
    staleTime: 5 * 60_000,
  });
}

/** Active ticket types (C2). */
export function useTicketTypes() {
  return useQuery({
    queryKey: ['ticket-types'],
    queryFn: () => get<Page<TicketType>>('/ticket-types'),
    staleTime: 5 * 60_000,
  });
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => get<Dashboard>('/dashboard') });
}

/** The customer's tickets with these filters (the key and the request share one object, so they cannot drift). */
export function useMyTickets(filters: NonNullable<RequestOptions['query']>) {
  return useQuery({
    queryKey: ['tickets', 'mine', filters],
    queryFn: () => get<TTicketPage>('/tickets', filters),
    placeholderData: keepPreviousData,
  });
}
