import { useState } from 'react';
import { Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import { useTranslation } from 'react-i18next';
import type { TPlan, TSubscription } from '../../../contracts/cloud';
import { useFormat } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { UserText } from '../../ui/UserText';
import { buyablePlans, LIMITS, limitsBelowUsage, perMonth, planName } from './billing';
import { BuyPlanDialog } from './BuyPlanDialog';

/**
 * The plans on offer, as cards: limits and the price of each period. "Choose" opens the buying
 * dialog (periods, the server's quote, then Zarinpal). Only the admin buys; others see the offer.
 */
export function PlanChooser({
  plans,
  subscription,
  canBuy,
}: {
  plans: TPlan[];
  subscription: TSubscription;
  canBuy: boolean;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<TPlan | null>(null);
  const offered = buyablePlans(plans);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="billing-plans" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" id="billing-plans">
        {t('billing.plans.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {canBuy ? t('billing.plans.hint') : t('billing.plans.adminOnly')}
      </Typography>
      {offered.length === 0 ? (
        <EmptyState title={t('billing.plans.empty')} />
      ) : (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' },
          }}
        >
          {offered.map((p) => (
            <PlanCard key={p.id} plan={p} subscription={subscription} canBuy={canBuy} onChoose={() => setChosen(p)} />
          ))}
        </Box>
      )}
      {chosen && <BuyPlanDialog plan={chosen} subscription={subscription} onClose={() => setChosen(null)} />}
    </Paper>
  );
}

function PlanCard({
  plan,
  subscription,
  canBuy,
  onChoose,
}: {
  plan: TPlan;
  subscription: TSubscription;
  canBuy: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const current = plan.id === subscription.plan.id;
  const tooSmall = limitsBelowUsage(plan.limits, subscription.usage);
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-labelledby={`plan-${plan.id}`}
      data-testid={`plan-${plan.id}`}
      sx={{
        p: 2,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
        borderColor: current ? 'primary.main' : undefined,
        borderWidth: current ? 2 : undefined,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h6" component="h3" id={`plan-${plan.id}`}>
          <UserText>{planName(plan, f.lang)}</UserText>
        </Typography>
        {current && <Chip size="small" color="primary" label={t('billing.plans.current')} />}
      </Stack>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }} aria-label={t('billing.plans.limits')}>
        {LIMITS.map((l) => (
          <Box component="li" key={l} sx={{ display: 'flex', gap: 1, alignItems: 'center', py: 0.25 }}>
            <CheckCircleOutline fontSize="small" color="success" aria-hidden />
            <Typography variant="body2">
              {plan.limits[l] === null
                ? t(`billing.plans.unlimited.${l}`)
                : t(`billing.plans.upTo.${l}`, { count: plan.limits[l], n: f.number(plan.limits[l]) })}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }} aria-label={t('billing.plans.prices')}>
        {plan.prices.map((p) => (
          <Box
            component="li"
            key={p.months}
            sx={{
              display: 'flex',
              justifyContent: 'space-between',
              gap: 1,
              py: 0.5,
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            <Typography variant="body2">
              {t('billing.plans.months', { count: p.months, n: f.number(p.months) })}
            </Typography>
            <Box sx={{ textAlign: 'end' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {toman(p.amount)}
              </Typography>
              {p.months > 1 && (
                <Typography variant="caption" color="text.secondary">
                  {t('billing.plans.perMonth', { amount: toman(perMonth(p.amount, p.months)) })}
                </Typography>
              )}
            </Box>
          </Box>
        ))}
      </Box>
      {tooSmall.length > 0 && (
        <Typography variant="caption" color="error.main">
          {t('billing.plans.tooSmall', {
            limits: tooSmall.map((l) => t(`billing.limits.${l}`)).join(t('billing.listSep')),
          })}
        </Typography>
      )}
      {canBuy && (
        <Box sx={{ mt: 'auto' }}>
          <Button
            variant={current ? 'outlined' : 'contained'}
            onClick={onChoose}
            disabled={tooSmall.length > 0}
            data-testid={`plan-choose-${plan.id}`}
            fullWidth
          >
            {current ? t('billing.plans.renew') : t('billing.plans.choose')}
          </Button>
        </Box>
      )}
    </Paper>
  );
}
