import { useQuery } from '@tanstack/react-query';
import { call } from '../../../app/api';
import { CALENDARS_KEY } from '../calendars/model';
import { DESKS_KEY, requestTypeKey, requestTypesKey } from './model';

/** The reads of the catalogue's admin screens (every desk, a desk's request types, one request type). */

export const useDesks = () =>
  useQuery({
    queryKey: DESKS_KEY,
    queryFn: ({ signal }) => call('listDesks', { query: { pageSize: 100 }, signal }),
  });

export const useDesk = (id: string) =>
  useQuery({
    queryKey: [...DESKS_KEY, id],
    queryFn: ({ signal }) => call('getDesk', { path: { id }, signal }),
  });

export const useRequestTypes = (deskId: string | undefined) =>
  useQuery({
    queryKey: requestTypesKey(deskId ?? ''),
    queryFn: ({ signal }) => call('listRequestTypes', { path: { id: deskId! }, query: { pageSize: 100 }, signal }),
    enabled: !!deskId,
  });

export const useRequestType = (id: string | null) =>
  useQuery({
    queryKey: requestTypeKey(id ?? ''),
    queryFn: ({ signal }) => call('getRequestType', { path: { id: id! }, signal }),
    enabled: !!id,
  });

/** The business calendars a timer may count by. */
export const useCalendarsLookup = () =>
  useQuery({
    queryKey: CALENDARS_KEY,
    queryFn: ({ signal }) => call('listCalendars', { query: { pageSize: 100 }, signal }),
  });
