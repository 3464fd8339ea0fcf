import { Alert, Box, Chip, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TLimitName, TSubscription } from '../../../contracts/cloud';
import { DATE_ONLY, useFormat } from '../../ui/format';
import { UserText } from '../../ui/UserText';
import { LIMITS, neverEnds, planName, STATE_COLORS, usageLevel, usagePercent, type UsageLevel } from './billing';

const BAR_COLORS: Record<UsageLevel, 'primary' | 'warning' | 'error' | 'inherit'> = {
  ok: 'primary',
  near: 'warning',
  full: 'error',
  unlimited: 'inherit',
};

/** The plan the workspace is on: its name, state, end date, and how much of each limit is used. */
export function CurrentPlan({ subscription: s }: { subscription: TSubscription }) {
  const { t } = useTranslation();
  const f = useFormat();
  const day = (iso: string) => f.date(iso, DATE_ONLY);
  const ends = neverEnds(s.endsAt)
    ? t('billing.current.noEnd')
    : s.state === 'grace'
      ? t('billing.current.graceUntil', { ended: day(s.endsAt), until: day(s.graceEndsAt) })
      : s.state === 'expired'
        ? t('billing.current.expiredOn', { date: day(s.graceEndsAt) })
        : t(s.state === 'trial' ? 'billing.current.trialEnds' : 'billing.current.endsOn', { date: day(s.endsAt) });
  return (
    <Paper variant="outlined" component="section" aria-labelledby="billing-current" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="overline" component="h2" id="billing-current" color="text.secondary">
        {t('billing.current.title')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="p" sx={{ fontWeight: 600 }} data-testid="billing-plan-name">
          <UserText>{planName(s.plan, f.lang)}</UserText>
        </Typography>
        <Chip
          size="small"
          color={STATE_COLORS[s.state]}
          label={t(`billing.states.${s.state}`)}
          data-testid="billing-state"
        />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="billing-ends">
        {ends}
      </Typography>
      {(s.state === 'expired' || s.state === 'suspended') && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {t(s.state === 'expired' ? 'billing.current.readOnly' : 'billing.current.suspended')}
          {s.suspensionMessage && (
            <Box dir="auto" sx={{ mt: 0.5, whiteSpace: 'pre-line' }}>
              {s.suspensionMessage}
            </Box>
          )}
        </Alert>
      )}
      {s.state === 'grace' && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {t('billing.current.graceText', { date: day(s.graceEndsAt) })}
        </Alert>
      )}
      <Box
        sx={{
          mt: 2,
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' },
        }}
      >
        {LIMITS.map((l) => (
          <UsageBar key={l} name={l} used={s.usage[l]} max={s.plan.limits[l]} />
        ))}
      </Box>
    </Paper>
  );
}

function UsageBar({ name, used, max }: { name: TLimitName; used: number; max: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const level = usageLevel(used, max);
  const text =
    max === null
      ? t('billing.usage.unlimited', { used: f.number(used) })
      : t('billing.usage.of', { used: f.number(used), max: f.number(max) });
  return (
    <Box data-testid={`usage-${name}`} data-level={level}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1, mb: 0.5 }}>
        <Typography variant="body2" id={`usage-${name}-label`}>
          {t(`billing.limits.${name}`)}
        </Typography>
        <Typography
          variant="body2"
          sx={{
            fontWeight: level === 'ok' || level === 'unlimited' ? 400 : 600,
            color: level === 'full' ? 'error.main' : level === 'near' ? 'warning.main' : 'text.secondary',
          }}
        >
          {text}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={usagePercent(used, max)}
        color={BAR_COLORS[level]}
        aria-labelledby={`usage-${name}-label`}
        aria-valuetext={text}
        sx={{ height: 8, borderRadius: 4, ...(level === 'unlimited' && { opacity: 0.35 }) }}
      />
      {level === 'full' && (
        <Typography variant="caption" color="error.main">
          {t('billing.usage.full')}
        </Typography>
      )}
      {level === 'near' && (
        <Typography variant="caption" color="warning.main">
          {t('billing.usage.near')}
        </Typography>
      )}
    </Box>
  );
}
