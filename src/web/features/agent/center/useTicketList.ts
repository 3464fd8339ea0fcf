import { useEffect } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { call } from '../../../app/api';
import { toApiQuery, type CenterFilters } from './filters';

/** Read by the ticket page for its next/previous shortcuts and its "back to list" link. */
export const NAV_KEY = 'pishkhan.ticketNav';

/**
 * The page of tickets of a view. The key starts with 'tickets', so the live stream's
 * invalidation refreshes it when a ticket is created or changes.
 */
export function useTicketList(filters: CenterFilters) {
  const location = useLocation();
  const query = useQuery({
    queryKey: ['tickets', 'center', toApiQuery(filters)],
    queryFn: ({ signal }) => call('listTickets', { query: toApiQuery(filters), signal }),
    placeholderData: keepPreviousData,
  });
  const items = query.isPlaceholderData ? undefined : query.data?.items;
  useEffect(() => {
    if (!items) return;
    try {
      sessionStorage.setItem(
        NAV_KEY,
        JSON.stringify({ numbers: items.map((t) => t.number), listUrl: location.pathname + location.search }),
      );
    } catch {
      /* storage may be off (private mode); navigation shortcuts just won't know the list */
    }
  }, [items, location.pathname, location.search]);
  return query;
}
