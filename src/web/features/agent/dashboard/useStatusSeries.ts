import { useQuery } from '@tanstack/react-query';
import { get } from '../../../app/api';

/** Tickets opened on one day (the workspace's day), counted by the status they have now. */
export interface StatusPoint {
  /** YYYY-MM-DD */
  date: string;
  active: number;
  pending: number;
  closed: number;
  locked: number;
}

export async function fetchSeries(days: number, signal?: AbortSignal): Promise<StatusPoint[]> {
  // No `tz`: the server counts the workspace's days, like every other day the product shows.
  const res = await get<{ tz: string; days: StatusPoint[] }>('/dashboard/status-series', { days }, { signal });
  return res.days;
}

/**
 * One grouped query on the server (GET /dashboard/status-series). Kept under its own key rather
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
