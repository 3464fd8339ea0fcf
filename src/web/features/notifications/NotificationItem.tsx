import { useEffect, useState } from 'react';
import { Box, ListItem, ListItemButton, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { noticeDir } from './notice-dir';
import type { Notification } from './queries';
import { visuallyHidden } from '../../ui/visually-hidden';

const WEEK_SECONDS = 7 * 86_400;

/** "now", a minute later, and so on: the time of day as a number that changes every minute. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * When it happened, as people say it: "just now", "5 minutes ago", "3 days ago"; past a week the
 * date itself (Jalali in Persian, Gregorian in English). The full date and time on hover.
 */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const seconds = (now - new Date(iso).getTime()) / 1000;
  const text =
    seconds < 60
      ? t('notifications.justNow')
      : seconds < WEEK_SECONDS
        ? t('notifications.ago', { time: f.duration(seconds) })
        : f.date(iso, { year: 'numeric', month: 'short', day: 'numeric' });
  return (
    <Tooltip title={f.date(iso)}>
      <Typography
        variant="caption"
        color="text.secondary"
        component="time"
        dateTime={iso}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {text}
      </Typography>
    </Tooltip>
  );
}

/**
 * One notification in the bell's list and on the notifications page: its title, its text (the
 * server's words about a ticket, holding its subject: each in its own direction) and its time.
 * Unread ones are tinted, with a dot and the word for screen readers.
 */
export function NotificationItem({
  n,
  now,
  onOpen,
  dense,
}: {
  n: Notification;
  now: number;
  onOpen: (n: Notification) => void;
  dense?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const unread = !n.readAt;
  const dir = noticeDir(n.title, i18n.language);
  return (
    <ListItem disablePadding divider data-testid="notification-item" data-unread={unread} data-id={n.id}>
      <ListItemButton
        onClick={() => onOpen(n)}
        sx={{
          alignItems: 'flex-start',
          gap: 1.5,
          py: dense ? 1 : 1.5,
          bgcolor: unread ? 'action.selected' : undefined,
        }}
      >
        <Box
          aria-hidden
          sx={{
            mt: 0.75,
            width: 8,
            height: 8,
            flexShrink: 0,
            borderRadius: '50%',
            bgcolor: unread ? 'primary.main' : 'transparent',
          }}
        />
        <Stack sx={{ minWidth: 0, flexGrow: 1 }} spacing={0.25}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
            <Typography
              variant="body2"
              dir={dir}
              sx={{ fontWeight: unread ? 700 : 400, overflowWrap: 'anywhere', textAlign: 'start', flexGrow: 1 }}
            >
              {n.title}
            </Typography>
            <RelativeTime iso={n.createdAt} now={now} />
          </Stack>
          {n.body && (
            <Typography
              variant="body2"
              color="text.secondary"
              dir={dir}
              sx={{
                overflowWrap: 'anywhere',
                textAlign: 'start',
                ...(dense && {
                  display: '-webkit-box',
                  WebkitLineClamp: 2,
                  WebkitBoxOrient: 'vertical',
                  overflow: 'hidden',
                }),
              }}
            >
              {n.body}
            </Typography>
          )}
          {unread && (
            <Box component="span" sx={visuallyHidden}>
              {t('notifications.unreadMark')}
            </Box>
          )}
        </Stack>
      </ListItemButton>
    </ListItem>
  );
}
