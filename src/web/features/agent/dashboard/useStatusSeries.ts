import { useQuery } from '@tanstack/react-query';
import { call, type ResponseOf } from '../../../app/api';

/** Tickets opened on one day (the workspace's day), counted by the status they have now (`date`: YYYY-MM-DD). */
export type StatusPoint = ResponseOf<'getStatusSeries'>['days'][number];

export async function fetchSeries(days: number, signal?: AbortSignal): Promise<StatusPoint[]> {
  // No `tz`: the server counts the workspace's days, like every other day the product shows.
  const res = await call('getStatusSeries', { query: { days }, signal });
  return res.days;
}

/**
 * One grouped query on the server (`getStatusSeries`). Kept under its own key rather
 * than ['dashboard']: the live stream invalidates that on every event, and a chart a minute
 * behind is fine.
 */
export function useStatusSeries(days = 14) {
  return useQuery({
    queryKey: ['status-series', days],
    queryFn: ({ signal }) => fetchSeries(days, signal),
    staleTime: 60_000,
  });
}
