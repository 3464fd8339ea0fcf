import {
  Button,
  FormControlLabel,
  List,
  Pagination,
  PaginationItem,
  Paper,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import DoneAll from '@mui/icons-material/DoneAll';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { NotificationItem, useNow } from './NotificationItem';
import { ticketPath, useMarkRead, useNotificationPage, type Notification } from './queries';

const PAGE_SIZE = 20;

/** Every notification of the signed-in person (G1), newest first: all or only the unread, a page at a time. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe().data!;
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unreadOnly = params.get('unread') === '1';
  const list = useNotificationPage(page, PAGE_SIZE, unreadOnly);
  const markRead = useMarkRead();
  const unread = list.data?.unread ?? 0;
  const set = (next: { page?: number; unread?: boolean }) => {
    const p = new URLSearchParams(params);
    const nextPage = next.page ?? 1;
    if (nextPage > 1) p.set('page', String(nextPage));
    else p.delete('page');
    if (next.unread ?? unreadOnly) p.set('unread', '1');
    else p.delete('unread');
    setParams(p);
  };
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    if (n.ticketNumber !== null) void navigate(ticketPath(me, n.ticketNumber));
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 860, minWidth: 0 }}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
      >
        <div>
          <Typography variant="h5" component="h1">
            {t('notifications.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="notifications-unread">
            {unread
              ? t('notifications.unreadCount', { count: unread, n: f.number(unread) })
              : t('notifications.allRead')}
          </Typography>
        </div>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <FormControlLabel
            control={
              <Switch
                checked={unreadOnly}
                onChange={(e) => set({ unread: e.target.checked })}
                slotProps={{ input: { 'data-testid': 'notifications-unread-only' } as object }}
              />
            }
            label={t('notifications.unreadOnly')}
          />
          <Button
            variant="outlined"
            startIcon={<DoneAll />}
            disabled={!unread}
            onClick={() => markRead.mutate('all')}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Stack>
      </Stack>
      <QueryView query={list} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <Paper variant="outlined">
              <EmptyState
                title={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
                hint={t('notifications.emptyHint')}
                action={
                  <Button component={Link} to="/profile#notifications">
                    {t('notifications.settingsLink')}
                  </Button>
                }
              />
            </Paper>
          ) : (
            <>
              <Paper variant="outlined">
                <List disablePadding aria-label={t('notifications.title')} data-testid="notifications-list">
                  {data.items.map((n) => (
                    <NotificationItem key={n.id} n={n} now={now} onOpen={open} />
                  ))}
                </List>
              </Paper>
              <Stack
                direction={{ xs: 'column', sm: 'row' }}
                spacing={1}
                sx={{ alignItems: 'center', justifyContent: 'space-between' }}
              >
                <Typography variant="body2" color="text.secondary">
                  {t('notifications.total', { count: data.total, n: f.number(data.total) })}
                </Typography>
                {data.total > PAGE_SIZE && (
                  <Pagination
                    count={Math.ceil(data.total / PAGE_SIZE)}
                    page={page}
                    onChange={(_, p) => set({ page: p })}
                    siblingCount={0}
                    color="primary"
                    getItemAriaLabel={(type, p, selected) =>
                      type === 'page'
                        ? t(selected ? 'notifications.pageCurrent' : 'notifications.pageN', { n: f.number(p ?? 0) })
                        : t(`admin.common.page_${type}`)
                    }
                    renderItem={(item) => (
                      <PaginationItem {...item} page={item.page === null ? null : f.number(item.page)} />
                    )}
                  />
                )}
                <Button component={Link} to="/profile#notifications" size="small">
                  {t('notifications.settingsLink')}
                </Button>
              </Stack>
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}
