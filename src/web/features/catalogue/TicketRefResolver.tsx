import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call } from '../../app/api';
import { ErrorState, Loading } from '../../ui/states';
import { parseTicketRef } from './field-values';

/**
 * A ticket page's address part — a number ("12", "#12") or a desk request's key ("SETIRAN-3") —
 * as the ticket's number, which the page and the live stream work with. A key is looked up once
 * (GET /tickets/SETIRAN-3 answers the ticket, which is kept for the page); `children` gets 0 when
 * the address names no ticket the reader may see, so the page shows its own "not found".
 */
export function TicketRefResolver({
  raw,
  children,
}: {
  raw: string | undefined;
  children: (number: number) => ReactNode;
}) {
  const qc = useQueryClient();
  const ref = parseTicketRef(raw);
  const key = ref && 'key' in ref ? ref.key : null;
  const byKey = useQuery({
    queryKey: ['ticket-key', key],
    enabled: !!key,
    staleTime: Infinity,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    queryFn: async ({ signal }) => {
      const ticket = await call('getTicket', { path: { number: key! }, signal });
      qc.setQueryData(['ticket', ticket.number], ticket);
      return ticket.number;
    },
  });
  if (!ref) return <>{children(0)}</>;
  if ('number' in ref) return <>{children(ref.number)}</>;
  if (byKey.isPending) return <Loading />;
  if (byKey.isError) {
    if (byKey.error instanceof ApiError && [400, 403, 404].includes(byKey.error.status)) return <>{children(0)}</>;
    return <ErrorState error={byKey.error} onRetry={() => void byKey.refetch()} />;
  }
  return <>{children(byKey.data)}</>;
}
