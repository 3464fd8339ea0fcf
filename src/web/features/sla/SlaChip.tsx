import { useEffect, useState } from 'react';
import { Box, Chip, Tooltip, Typography } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import HourglassBottom from '@mui/icons-material/HourglassBottom';
import PauseCircleOutline from '@mui/icons-material/PauseCircleOutline';
import Timer from '@mui/icons-material/Timer';
import WarningAmber from '@mui/icons-material/WarningAmber';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { slaDueRows, slaLabel, slaTone, type SlaTone, type TicketSla } from './sla-time';

/** The time now, again every minute (a countdown needs no more). */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

// Colours that keep AA contrast for small text: amber and red as the Alert component uses them.
const TONE: Record<'ok' | 'warning' | 'breached' | 'paused', { color: string; bgcolor: string; borderColor: string }> =
  {
    ok: { color: 'success.dark', borderColor: 'success.main', bgcolor: 'transparent' },
    warning: { color: '#663c00', bgcolor: '#fff4e5', borderColor: '#ed6c02' },
    breached: { color: '#fff', bgcolor: 'error.dark', borderColor: 'error.dark' },
    paused: { color: 'text.primary', bgcolor: 'action.selected', borderColor: 'transparent' },
  };
const ICON = { ok: Timer, warning: HourglassBottom, breached: WarningAmber, paused: PauseCircleOutline };

/** Each target's due time in the reader's calendar (Jalali in Persian), and which were missed. */
export function SlaDetails({ sla, onCard = false }: { sla: TicketSla; onCard?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box sx={{ py: onCard ? 0 : 0.25 }}>
      {!onCard && (
        <Typography variant="caption" component="p" sx={{ fontWeight: 600, mb: 0.25 }}>
          {t('sla.details.title')}
        </Typography>
      )}
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.25 }}
        data-testid="sla-details"
      >
        {slaDueRows(sla).map((r) => (
          <Box key={r.target} sx={{ display: 'contents' }} data-testid={`sla-due-${r.target}`}>
            <Typography component="dt" variant="caption" sx={{ color: onCard ? 'text.secondary' : 'inherit' }}>
              {t(`sla.target.${r.target}`)}
            </Typography>
            <Typography component="dd" variant="caption" sx={{ m: 0 }}>
              {r.due ? f.date(r.due) : t('sla.details.notRunning')}
              {r.breached && (
                <Box
                  component="span"
                  sx={{ fontWeight: 600, color: onCard ? 'error.dark' : 'inherit', marginInlineStart: 0.75 }}
                >
                  {t('sla.details.missed')}
                </Box>
              )}
            </Typography>
          </Box>
        ))}
      </Box>
      {sla.paused && (
        <Typography variant="caption" component="p" sx={{ mt: 0.5, color: onCard ? 'text.secondary' : 'inherit' }}>
          {t('sla.details.pausedHint')}
        </Typography>
      )}
    </Box>
  );
}

/**
 * E3: a ticket's SLA at a glance — a countdown to the nearest due time ("2 h 15 min left"),
 * amber once the warning time has come, red and counting up once overdue, grey while paused; a
 * closed ticket gets a small tick (or a red mark when it missed a target). Hovering, a long press
 * or focus shows each target's due time. `now` comes from a list that already ticks every
 * minute; without it the chip keeps its own minute clock.
 */
export function SlaChip({
  sla,
  now,
  dense = false,
  wrap = false,
}: {
  sla: TicketSla;
  now?: number;
  /** Smaller, for a line of text (the ticket cards on a phone). */
  dense?: boolean;
  /** The words may take two lines (a narrow table column). */
  wrap?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const own = useMinuteClock();
  const at = now ?? own;
  const tone: SlaTone = slaTone(sla, at);
  const label = slaLabel(sla, at, t, f.number);
  const details = <SlaDetails sla={sla} />;

  if (tone === 'met' || tone === 'missed') {
    const Icon = tone === 'met' ? CheckCircleOutline : ErrorOutline;
    return (
      <Tooltip title={details} describeChild enterTouchDelay={300}>
        <Icon
          role="img"
          aria-label={label}
          data-testid="sla-chip"
          data-state={tone}
          sx={{
            fontSize: dense ? 16 : 20,
            color: tone === 'met' ? 'success.main' : 'error.main',
            verticalAlign: 'middle',
          }}
        />
      </Tooltip>
    );
  }
  const Icon = ICON[tone];
  return (
    <Tooltip title={details} describeChild enterTouchDelay={300}>
      <Chip
        size="small"
        variant="outlined"
        icon={<Icon />}
        label={label}
        data-testid="sla-chip"
        data-state={tone}
        sx={{
          ...TONE[tone],
          fontWeight: 500,
          '& .MuiChip-icon': dense
            ? { fontSize: 13, color: 'inherit', marginInlineStart: '4px', marginInlineEnd: '-2px' }
            : { color: 'inherit' },
          ...(dense && { height: 18, fontSize: 11, verticalAlign: 'middle', '& .MuiChip-label': { px: 0.75 } }),
          ...(wrap && {
            height: 'auto',
            minHeight: 24,
            '& .MuiChip-label': { whiteSpace: 'normal', py: '2px', lineHeight: 1.35 },
          }),
        }}
      />
    </Tooltip>
  );
}

/**
 * The SLA in the ticket page's side panel: the chip, then each target's due time spelled out
 * (a phone has no hover). Nothing when no policy applies to the ticket.
 */
export function SlaFact({ sla }: { sla: TicketSla | null | undefined }) {
  const { t } = useTranslation();
  if (!sla) return null;
  return (
    <Box data-testid="ticket-sla" sx={{ mb: 1.5, pb: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, mb: 0.75 }}>
        <Typography variant="caption" color="text.secondary" component="h3">
          {t('sla.details.title')}
        </Typography>
        <SlaChip sla={sla} />
      </Box>
      <SlaDetails sla={sla} onCard />
    </Box>
  );
}
