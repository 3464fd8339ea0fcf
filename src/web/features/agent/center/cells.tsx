import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import PushPin from '@mui/icons-material/PushPin';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../../app/api';
import { Fragment } from 'react';
import { useFormat } from '../../../ui/format';
import { SubjectText } from '../../../ui/SearchSnippet';
import { UserText } from '../../../ui/UserText';
import type { Change } from './useLiveChanges';

type TTicketListItem = ItemOf<'listTickets'>;

/** How long the requester has been waiting for us, or a dash when nobody waits. */
export function WaitingText({ since, now }: { since: string | null; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!since)
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {t('center.notWaiting')}
      </Typography>
    );
  const seconds = (now - new Date(since).getTime()) / 1000;
  return (
    <Tooltip title={t('center.waitingSince', { date: f.date(since) })}>
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {f.duration(seconds)}
      </Typography>
    </Tooltip>
  );
}

/** A short date (no year) with the full one on hover; lists show many of these side by side. */
export function UpdatedText({ iso }: { iso: string }) {
  const f = useFormat();
  // Recent dates drop the year (in either calendar); older ones drop the time instead.
  const recent = Math.abs(Date.now() - new Date(iso).getTime()) < 300 * 86_400_000;
  return (
    <Tooltip title={f.date(iso)}>
      <Typography variant="body2" component="span">
        {recent
          ? f.date(iso, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
          : f.date(iso, { year: 'numeric', month: 'short', day: 'numeric' })}
      </Typography>
    </Tooltip>
  );
}

export function Requester({ ticket }: { ticket: TTicketListItem }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="body2" component="bdi" dir="auto" sx={{ mr: 0.5 }}>
        {ticket.requester.name || t('center.noRequester')}
      </Typography>
      {ticket.requester.name && (
        <Tooltip title={t(`bits.levelHint.${ticket.requester.level}`)} describeChild enterTouchDelay={300}>
          <Typography variant="caption" color="text.secondary" component="span">
            ({t(`center.level.${ticket.requester.level}`)})
          </Typography>
        </Tooltip>
      )}
      {ticket.requester.email && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: 'break-all' }} dir="ltr">
          {ticket.requester.email}
        </Typography>
      )}
    </Box>
  );
}

export function Assignees({ ticket }: { ticket: TTicketListItem }) {
  const { t } = useTranslation();
  if (!ticket.assignees.length)
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {t('center.unassigned')}
      </Typography>
    );
  return (
    <Typography variant="body2" component="span">
      {ticket.assignees.map((a, i) => (
        <Fragment key={a.id}>
          {i > 0 && t('center.separator')}
          <UserText>{a.name}</UserText>
        </Fragment>
      ))}
    </Typography>
  );
}

/** The subject as the link to the ticket, with its markers (pinned, new, deleted, internal, tags). */
export function SubjectLink({
  ticket,
  change,
  linkRef,
  onFocus,
}: {
  ticket: TTicketListItem;
  change?: Change;
  linkRef?: (el: HTMLAnchorElement | null) => void;
  onFocus?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
      {ticket.pinned && (
        <PushPin role="img" aria-label={t('center.pinned')} sx={{ fontSize: 18, color: 'text.secondary' }} />
      )}
      <Typography
        component={Link}
        to={`/agent/tickets/${ticket.number}`}
        ref={linkRef}
        onFocus={onFocus}
        dir="auto"
        variant="body2"
        sx={{
          fontWeight: ticket.status === 'active' ? 600 : 400,
          color: 'primary.main',
          textDecoration: 'none',
          '&:hover': { textDecoration: 'underline' },
          wordBreak: 'break-word',
        }}
      >
        <SubjectText subject={ticket.subject} snippet={ticket.snippet} />
      </Typography>
      {change && (
        // info.dark: white on the default info blue is 3.85:1, below WCAG AA for small text.
        <Chip
          size="small"
          color={change === 'new' ? 'success' : 'info'}
          sx={change === 'updated' ? { bgcolor: 'info.dark' } : undefined}
          label={t(`center.change.${change}`)}
        />
      )}
      {ticket.deleted && <Chip size="small" color="error" variant="outlined" label={t('center.deleted')} />}
      {ticket.internal && <Chip size="small" variant="outlined" label={t('center.internal')} />}
      {ticket.tags.map((tag) => (
        <Chip
          key={tag}
          size="small"
          variant="outlined"
          label={<UserText>{tag}</UserText>}
          sx={{ height: 20, fontSize: 11 }}
        />
      ))}
    </Stack>
  );
}

/** The background of a row: the keyboard focus and live changes stand out. */
export function rowBackground(focused: boolean, change: Change | undefined) {
  if (focused) return 'action.selected';
  if (change === 'new') return 'rgba(46, 125, 50, 0.08)';
  if (change === 'updated') return 'rgba(2, 136, 209, 0.08)';
  return undefined;
}
