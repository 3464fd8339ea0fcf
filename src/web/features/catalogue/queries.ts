import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, type ItemOf, type QueryOf, type ResponseOf } from '../../app/api';

/**
 * The requester's side of the service catalogue (E1–E5): desks, their request types, the form's
 * lookups and "my requests". Lists of requests live under ['tickets', …] so the live stream
 * refreshes them with every other ticket list.
 */

export type Desk = ItemOf<'listDesks'>;
export type RequestType = ItemOf<'listRequestTypes'>;
export type Field = RequestType['fields'][number];
export type FieldKind = Field['kind'];
export type OrgUnit = ItemOf<'listOrgUnits'>;
export type RequestsQuery = QueryOf<'listMyRequests'>;
export type TicketWithWorkflow = ResponseOf<'getTicket'>;

const LOOKUP = { staleTime: 5 * 60_000 };

export const DESKS_KEY = ['catalogue', 'desks'] as const;
export const requestTypesKey = (deskId: string) => ['catalogue', 'desks', deskId, 'request-types'] as const;
export const requestTypeKey = (id: string) => ['catalogue', 'request-types', id] as const;

/** The desks the signed-in person may see (customers: the visible ones), in their order. */
export const useDesks = () =>
  useQuery({
    queryKey: DESKS_KEY,
    ...LOOKUP,
    queryFn: ({ signal }) => call('listDesks', { query: { pageSize: 100 }, signal }),
  });

/** A desk's request types (customers: the visible ones). */
export const useRequestTypes = (deskId: string, enabled = true) =>
  useQuery({
    queryKey: requestTypesKey(deskId),
    ...LOOKUP,
    enabled: enabled && !!deskId,
    queryFn: ({ signal }) => call('listRequestTypes', { path: { id: deskId }, query: { pageSize: 100 }, signal }),
  });

/** One request type with its form and workflow. */
export const useRequestType = (id: string | null | undefined) =>
  useQuery({
    queryKey: requestTypeKey(id ?? ''),
    ...LOOKUP,
    enabled: !!id,
    queryFn: ({ signal }) => call('getRequestType', { path: { id: id! }, signal }),
  });

/** The organisational units, for `orgUnit` fields. */
export const useOrgUnits = (enabled = true) =>
  useQuery({
    queryKey: ['org-units', 'page'],
    ...LOOKUP,
    enabled,
    queryFn: async ({ signal }) => (await call('listOrgUnits', { signal })).items,
  });

/** "My requests" with these filters (the key and the request share one object). */
export const useMyRequests = (query: RequestsQuery) =>
  useQuery({
    queryKey: ['tickets', 'requests', query],
    queryFn: ({ signal }) => call('listMyRequests', { query, signal }),
    placeholderData: keepPreviousData,
  });
