import { useCallback, useState } from 'react';
import { Badge, Box, Button, Divider, IconButton, List, Popover, Stack, Typography } from '@mui/material';
import NotificationsNone from '@mui/icons-material/NotificationsNone';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_EVENT, useLiveEvent, type LiveEvent } from '../../app/live';
import type { Me } from '../../app/session';
import { useFormat } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/states';
import { NotificationItem, useNow } from './NotificationItem';
import { visuallyHidden } from '../../ui/visually-hidden';
import { ticketPath, useBell, useMarkRead, type Notification } from './queries';

/** More than this shows as "99+". */
const CAP = 99;

/** The unread count as the badge shows it: the reader's digits, capped at 99+. */
export function useBadgeText() {
  const f = useFormat();
  return (count: number) => (count > CAP ? `${f.number(CAP)}+` : f.number(count));
}

/**
 * The top bar's bell (G1): the unread count, live; the latest notifications in a popover, each
 * opening its ticket (and marked read); "mark all read"; a link to the whole list.
 */
export function NotificationBell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [announce, setAnnounce] = useState('');
  const bell = useBell();
  const markRead = useMarkRead();
  const badgeText = useBadgeText();
  const unread = bell.data?.unread ?? 0;
  // Screen readers hear that one arrived (the badge changes silently otherwise).
  const onLive = useCallback(
    (e: LiveEvent) => e.type === NOTIFICATION_EVENT && setAnnounce(t('notifications.arrived')),
    [t],
  );
  useLiveEvent(onLive);

  const open = (n: Notification) => {
    setAnchor(null);
    if (!n.readAt) markRead.mutate([n.id]);
    if (n.ticketNumber !== null) void navigate(ticketPath(me, n.ticketNumber));
  };

  return (
    <>
      <IconButton
        color="inherit"
        aria-label={
          unread ? t('notifications.bellUnread', { count: unread, n: badgeText(unread) }) : t('notifications.bell')
        }
        aria-haspopup="dialog"
        aria-expanded={!!anchor}
        onClick={(e) => (setAnchor(e.currentTarget), setAnnounce(''))}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <Badge
          badgeContent={unread ? badgeText(unread) : null}
          invisible={unread === 0}
          color="error"
          overlap="circular"
          slotProps={{ badge: { 'data-testid': 'notification-badge', 'aria-hidden': true } as object }}
        >
          <NotificationsNone />
        </Badge>
      </IconButton>
      <Box role="status" sx={visuallyHidden}>
        {announce}
      </Box>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-labelledby': 'bell-title',
            'data-testid': 'notification-popover',
            sx: {
              width: 400,
              maxWidth: 'calc(100vw - 16px)',
              maxHeight: 'min(560px, calc(100vh - 80px))',
              display: 'flex',
              flexDirection: 'column',
            },
          } as object,
        }}
      >
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1 }}>
          <Typography id="bell-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {t('notifications.title')}
          </Typography>
          {unread > 0 && (
            <Button size="small" onClick={() => markRead.mutate('all')} data-testid="notification-read-all">
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Stack>
        <Divider />
        <Box sx={{ overflowY: 'auto', flexGrow: 1 }}>
          {bell.isPending ? (
            <Loading rows={3} />
          ) : bell.isError ? (
            <Box sx={{ px: 2 }}>
              <ErrorState error={bell.error} onRetry={() => void bell.refetch()} />
            </Box>
          ) : bell.data.items.length === 0 ? (
            <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }} data-testid="notification-empty">
              {t('notifications.empty')}
            </Typography>
          ) : (
            <BellList items={bell.data.items} onOpen={open} />
          )}
        </Box>
        <Divider />
        <Button
          component={Link}
          to="/notifications"
          onClick={() => setAnchor(null)}
          sx={{ borderRadius: 0, py: 1 }}
          data-testid="notification-see-all"
        >
          {t('notifications.seeAll')}
        </Button>
      </Popover>
    </>
  );
}

function BellList({ items, onOpen }: { items: Notification[]; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <List disablePadding aria-label={t('notifications.latest')} data-testid="notification-list">
      {items.map((n) => (
        <NotificationItem key={n.id} n={n} now={now} onOpen={onOpen} dense />
      ))}
    </List>
  );
}
