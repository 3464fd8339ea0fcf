import { useQuery } from '@tanstack/react-query';
import { get } from '../../../app/api';

/** Tickets opened on one day (in the reader's time zone), counted by the status they have now. */
export interface StatusPoint {
  /** YYYY-MM-DD */
  date: string;
  active: number;
  pending: number;
  closed: number;
  locked: number;
}

/** The browser's time zone, so that "today" is the reader's day; the server defaults to Tehran. */
function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export async function fetchSeries(days: number, signal?: AbortSignal): Promise<StatusPoint[]> {
  const res = await get<{ tz: string; days: StatusPoint[] }>(
    '/dashboard/status-series',
    { days, tz: timeZone() },
    { signal },
  );
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
