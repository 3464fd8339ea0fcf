import { Box, Stack, Tooltip, Typography } from '@mui/material';
import ScheduleSend from '@mui/icons-material/ScheduleSend';
import MarkEmailRead from '@mui/icons-material/MarkEmailRead';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import { useTranslation } from 'react-i18next';
import type { TMessage } from './types';
import { useFormat } from '../../../ui/format';

const ICONS = { queued: ScheduleSend, sent: MarkEmailRead, failed: ErrorOutline };
const COLORS = { queued: 'text.secondary', sent: 'success.dark', failed: 'error.main' } as const;

/**
 * F3: whether an agent's reply went out by e-mail — queued, e-mailed (when), or failed (why,
 * after how many attempts). Everything the tooltip says is also written out, so nothing depends
 * on hovering; the live stream refetches the thread when the state changes.
 */
export function DeliveryStatus({ delivery: d }: { delivery: NonNullable<TMessage['delivery']> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const Icon = ICONS[d.status];
  const attempts =
    d.attempts > 0 ? t('ticket.delivery.attempts', { count: d.attempts, n: f.number(d.attempts) }) : null;
  const label =
    d.status === 'sent' ? t('ticket.delivery.sent', { date: f.date(d.at) }) : t(`ticket.delivery.${d.status}`);
  // A queued reply with an error has failed once and waits for another try.
  const retrying =
    d.status === 'queued' && d.attempts > 0
      ? t('ticket.delivery.retrying', { count: d.attempts, n: f.number(d.attempts) })
      : null;
  const extra = retrying ?? (d.status === 'failed' ? attempts : null);
  const details = [
    t('ticket.delivery.title'),
    label,
    extra,
    d.at && d.status !== 'sent' ? t('ticket.delivery.lastAttempt', { date: f.date(d.at) }) : null,
    d.error ? t('ticket.delivery.error', { error: d.error }) : null,
  ].filter(Boolean);
  const showError = !!d.error && d.status !== 'sent';
  return (
    <Box data-testid="delivery" data-status={d.status} sx={{ mt: 0.5, color: COLORS[d.status], minWidth: 0 }}>
      <Tooltip describeChild title={<span style={{ whiteSpace: 'pre-line' }}>{details.join('\n')}</span>}>
        <Stack
          component="span"
          direction="row"
          tabIndex={0}
          sx={{
            display: 'inline-flex',
            alignItems: 'center',
            gap: 0.5,
            flexWrap: 'wrap',
            borderRadius: 0.5,
            '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
          }}
        >
          <Icon fontSize="small" aria-hidden sx={{ fontSize: 16 }} />
          <Typography variant="caption" component="span" sx={{ fontWeight: d.status === 'failed' ? 700 : 500 }}>
            {label}
          </Typography>
          {extra && (
            <Typography variant="caption" component="span">
              · {extra}
            </Typography>
          )}
        </Stack>
      </Tooltip>
      {showError && (
        <Typography
          variant="caption"
          component="p"
          dir="auto"
          sx={{ m: 0, overflowWrap: 'anywhere', color: d.status === 'failed' ? 'error.main' : 'text.secondary' }}
          data-testid="delivery-error"
        >
          {t('ticket.delivery.error', { error: d.error })}
        </Typography>
      )}
    </Box>
  );
}
