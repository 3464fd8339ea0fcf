import { Alert, Box, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import PushPin from '@mui/icons-material/PushPin';
import LocalOffer from '@mui/icons-material/LocalOffer';
import KeyboardOutlined from '@mui/icons-material/KeyboardOutlined';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LevelChip, PriorityFlag, StatusChip } from '../../../ui/ticket-bits';
import { useFormat } from '../../../ui/format';
import { UserText } from '../../../ui/UserText';
import type { TTicket } from './types';

interface Props {
  ticket: TTicket;
  listUrl: string;
  prev: number | null;
  next: number | null;
  onHelp: () => void;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** D4 asks for days, hours and minutes, not the compact single unit of list columns. */
function useLongDuration() {
  const { t } = useTranslation();
  const f = useFormat();
  return (seconds: number) => {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const parts = [
      d && t('ticket.duration.days', { n: f.number(d) }),
      h && t('ticket.duration.hours', { n: f.number(h) }),
      (m || (!d && !h)) && t('ticket.duration.minutes', { n: f.number(m) }),
    ];
    return parts.filter(Boolean).join(t('ticket.duration.and'));
  };
}

/** D4: what the agent needs at a glance before reading the thread. */
export function TicketHeader({ ticket, listUrl, prev, next, onHelp }: Props) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const rtl = i18n.dir() === 'rtl';
  // In RTL "previous" points right: the arrows follow the reading direction.
  const PrevIcon = rtl ? ChevronRight : ChevronLeft;
  const NextIcon = rtl ? ChevronLeft : ChevronRight;
  const longDuration = useLongDuration();
  const r = ticket.requester;
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" alignItems="center" spacing={0.5} sx={{ mb: 1, flexWrap: 'wrap' }}>
        <Chip
          component={Link}
          to={listUrl}
          clickable
          icon={<ArrowBack sx={{ transform: rtl ? 'scaleX(-1)' : undefined }} />}
          label={t('ticket.backToList')}
          variant="outlined"
          size="small"
          data-testid="back-to-list"
        />
        <Box sx={{ flexGrow: 1 }} />
        <Tooltip title={t('ticket.prevTicket')}>
          <span>
            <IconButton
              size="small"
              component={prev ? Link : 'button'}
              to={prev ? `/agent/tickets/${prev}` : undefined}
              disabled={!prev}
              aria-label={t('ticket.prevTicket')}
              data-testid="ticket-prev"
            >
              <PrevIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('ticket.nextTicket')}>
          <span>
            <IconButton
              size="small"
              component={next ? Link : 'button'}
              to={next ? `/agent/tickets/${next}` : undefined}
              disabled={!next}
              aria-label={t('ticket.nextTicket')}
              data-testid="ticket-next"
            >
              <NextIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('ticket.shortcuts.title')}>
          <IconButton size="small" onClick={onHelp} aria-label={t('ticket.shortcuts.title')}>
            <KeyboardOutlined />
          </IconButton>
        </Tooltip>
      </Stack>

      <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
        <Box component="span" sx={{ color: 'text.secondary' }} dir="ltr" data-testid="ticket-ref">
          {ticket.key ?? t('ticket.numberLabel', { n: f.digits(ticket.number) })}
        </Box>{' '}
        <UserText>{ticket.subject}</UserText>
      </Typography>

      <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Box data-testid="ticket-status" data-status={ticket.status}>
          <StatusChip status={ticket.status} />
        </Box>
        <Stack direction="row" alignItems="center" spacing={0.5}>
          <PriorityFlag priority={ticket.priority} />
          <Typography variant="body2">{t(`priority.${ticket.priority}`)}</Typography>
        </Stack>
        {ticket.pinned && <Chip size="small" icon={<PushPin />} label={t('ticket.pinned')} variant="outlined" />}
        {ticket.internal && (
          <Chip size="small" color="secondary" variant="outlined" label={t('ticket.internalTicket')} />
        )}
        {ticket.tags.map((tag) => (
          <Chip key={tag} size="small" icon={<LocalOffer />} label={<UserText>{tag}</UserText>} variant="outlined" />
        ))}
      </Stack>

      {ticket.deleted && (
        <Alert severity="warning" sx={{ mt: 1.5 }}>
          {t('ticket.deletedNotice', { date: f.date(ticket.deletedAt) })}
        </Alert>
      )}

      <Box
        sx={{
          mt: 2,
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: {
            xs: 'repeat(2, minmax(0, 1fr))',
            sm: 'repeat(3, minmax(0, 1fr))',
            lg: 'repeat(4, minmax(0, 1fr))',
          },
        }}
      >
        <Fact label={t('ticket.requester')}>
          <UserText>{r.name}</UserText> <LevelChip level={r.level} sx={{ height: 20 }} data-testid="requester-level" />
          {r.email && (
            <Typography
              variant="body2"
              color="text.secondary"
              dir="ltr"
              sx={{ textAlign: rtl ? 'right' : 'left', overflowWrap: 'anywhere' }}
            >
              {r.email}
            </Typography>
          )}
        </Fact>
        <Fact label={t('ticket.department')}>
          <UserText>{ticket.department.name}</UserText>
        </Fact>
        <Fact label={t('ticket.type')}>{ticket.type ? <UserText>{ticket.type.name}</UserText> : t('common.none')}</Fact>
        <Fact label={t('ticket.assignees')}>
          {ticket.assignees.length
            ? ticket.assignees.map((a, i) => (
                <span key={a.id}>
                  {i > 0 && t('ticket.listSeparator')}
                  <UserText>{a.name}</UserText>
                </span>
              ))
            : t('ticket.unassigned')}
        </Fact>
        <Fact label={t('ticket.created')}>{f.date(ticket.createdAt)}</Fact>
        <Fact label={t('ticket.updated')}>{f.date(ticket.updatedAt)}</Fact>
        <Fact label={t('ticket.unansweredFor')}>
          <span data-testid="unanswered-for">
            {ticket.unansweredFor !== null ? longDuration(ticket.unansweredFor) : t('ticket.answered')}
          </span>
        </Fact>
        <Fact label={t('ticket.messageCount')}>{f.number(ticket.messageCount)}</Fact>
      </Box>
    </Box>
  );
}
