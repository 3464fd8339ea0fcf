import { useQueries, useQuery } from '@tanstack/react-query';
import { call } from '../../../app/api';
import { CALENDARS_KEY } from '../calendars/model';
import { DESKS_KEY, requestTypesKey } from '../catalogue/model';

/** What an SLA policy may name: calendars, request types (of every desk), ticket types. */

export const useCalendars = () =>
  useQuery({
    queryKey: CALENDARS_KEY,
    queryFn: ({ signal }) => call('listCalendars', { query: { pageSize: 100 }, signal }),
  });

export const useTicketTypesLookup = () =>
  useQuery({
    queryKey: ['admin', 'ticket-types', 'all'],
    queryFn: ({ signal }) => call('listTicketTypes', { signal }),
  });

export interface RequestTypeOption {
  id: string;
  name: string;
  deskName: string;
}

/** Every desk's request types, each with its desk's name (the same type name may be on two desks). */
export function useRequestTypeOptions(): { options: RequestTypeOption[]; loading: boolean } {
  const desks = useQuery({
    queryKey: DESKS_KEY,
    queryFn: ({ signal }) => call('listDesks', { query: { pageSize: 100 }, signal }),
  });
  const list = desks.data?.items ?? [];
  const types = useQueries({
    queries: list.map((d) => ({
      queryKey: requestTypesKey(d.id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call('listRequestTypes', { path: { id: d.id }, query: { pageSize: 100 }, signal }),
    })),
  });
  const options = list.flatMap((d, i) =>
    (types[i]?.data?.items ?? []).map((rt) => ({ id: rt.id, name: rt.name, deskName: d.name })),
  );
  return { options, loading: desks.isPending || types.some((q) => q.isPending) };
}
