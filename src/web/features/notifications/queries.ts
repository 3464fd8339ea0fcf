import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call, type ItemOf, type ResponseOf } from '../../app/api';
import { NOTIFICATIONS_KEY } from '../../app/live';
import { isStaff, type Me } from '../../app/session';

export type Notification = ItemOf<'listNotifications'>;
type NotificationPage = ResponseOf<'listNotifications'>;

/** How many the bell's list shows: the latest ones; the rest are on /notifications. */
export const BELL_SIZE = 10;
const BELL_KEY = [...NOTIFICATIONS_KEY, 'bell'] as const;
const listKey = (page: number, pageSize: number, unread: boolean) =>
  [...NOTIFICATIONS_KEY, 'list', { page, pageSize, unread }] as const;

/**
 * The bell: the latest notifications and the unread count. Refreshed by the live stream's
 * `notification.created` (app/live.ts invalidates every `['notifications', …]` query).
 */
export function useBell() {
  return useQuery({
    queryKey: BELL_KEY,
    queryFn: ({ signal }) => call('listNotifications', { query: { page: 1, pageSize: BELL_SIZE }, signal }),
    staleTime: 60_000,
  });
}

/** One page of the full list, all or only the unread. */
export function useNotificationPage(page: number, pageSize: number, unread: boolean) {
  return useQuery({
    queryKey: listKey(page, pageSize, unread),
    queryFn: ({ signal }) =>
      call('listNotifications', { query: { page, pageSize, unread: unread || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Marks read in every cached page at once, so the bell and the list agree before the server answers. */
function markCached(qc: QueryClient, which: 'all' | string[], unread?: number) {
  const at = new Date().toISOString();
  qc.setQueriesData<NotificationPage>({ queryKey: NOTIFICATIONS_KEY }, (old) => {
    if (!old) return old;
    let marked = 0;
    const items = old.items.map((n) => {
      if (n.readAt || (which !== 'all' && !which.includes(n.id))) return n;
      marked++;
      return { ...n, readAt: at };
    });
    const left = unread ?? (which === 'all' ? 0 : Math.max(0, old.unread - marked));
    return { ...old, items, unread: left };
  });
}

/** Marks some (`ids`) or every (`all`) notification read; the unread lists are read again afterwards. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: 'all' | string[]) =>
      call('markNotificationsRead', { body: which === 'all' ? { all: true } : { ids: which } }),
    onMutate: (which) => markCached(qc, which),
    onSuccess: (res, which) => markCached(qc, which, res.unread),
    onSettled: () => void qc.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'list'] }),
    onError: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Where a notification's ticket opens: the agent's page for staff, the portal's for customers. */
export const ticketPath = (me: Me, number: number) =>
  isStaff(me) ? `/agent/tickets/${number}` : `/portal/tickets/${number}`;
