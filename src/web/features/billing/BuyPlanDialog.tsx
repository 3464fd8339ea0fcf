import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import type { TPlan, TSubscription, TSubscriptionStarted } from '../../../contracts/cloud';
import { FormError } from '../../ui/form';
import { DATE_ONLY, useFormat } from '../../ui/format';
import { isolate } from '../../ui/UserText';
import { planName, priceOf } from './billing';
import { goToPayment } from './CreditTopUpForm';

const PERIODS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Buying a plan in two steps: the period and how many of them (the price worked out here from
 * the plan's prices), then the server's quote — the price, what is left of the current paid plan
 * credited against it, the amount to pay and the new end date — and only then Zarinpal.
 */
export function BuyPlanDialog({
  plan,
  subscription,
  onClose,
}: {
  plan: TPlan;
  subscription: TSubscription;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [months, setMonths] = useState(plan.prices[0]?.months ?? 1);
  const [periods, setPeriods] = useState(1);
  const [quote, setQuote] = useState<TSubscriptionStarted | null>(null);
  const [leaving, setLeaving] = useState(false);
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  const name = planName(plan, f.lang);
  const price = priceOf(plan, months, periods);
  const buy = useMutation({
    mutationFn: () => call('buySubscription', { body: { planId: plan.id, months, periods } }),
    onSuccess: (answer) => setQuote(answer),
  });
  const pay = () => {
    if (!quote) return;
    setLeaving(true);
    goToPayment(quote.paymentUrl);
  };
  const renewing = plan.id === subscription.plan.id;
  return (
    <Dialog
      open
      onClose={buy.isPending || leaving ? undefined : onClose}
      fullScreen={phone}
      fullWidth
      maxWidth="sm"
      aria-labelledby="buy-plan-title"
    >
      <DialogTitle id="buy-plan-title">
        {t(renewing ? 'billing.buy.renewTitle' : 'billing.buy.title', { plan: isolate(name) })}
      </DialogTitle>
      {!quote ? (
        <Box
          component="form"
          noValidate
          sx={{ display: 'contents' }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!buy.isPending) buy.mutate();
          }}
        >
          <DialogContent dividers>
            <FormError error={buy.error} shown={[]} />
            <Stack spacing={2}>
              <FormControl>
                <FormLabel id="buy-months">{t('billing.buy.period')}</FormLabel>
                <RadioGroup
                  aria-labelledby="buy-months"
                  value={String(months)}
                  onChange={(e) => setMonths(Number(e.target.value))}
                >
                  {plan.prices.map((p) => (
                    <FormControlLabel
                      key={p.months}
                      value={String(p.months)}
                      control={<Radio />}
                      label={t('billing.buy.periodOption', {
                        months: t('billing.plans.months', { count: p.months, n: f.number(p.months) }),
                        amount: toman(p.amount),
                      })}
                      data-testid={`buy-months-${p.months}`}
                    />
                  ))}
                </RadioGroup>
              </FormControl>
              <TextField
                select
                label={t('billing.buy.periods')}
                value={periods}
                onChange={(e) => setPeriods(Number(e.target.value))}
                helperText={t('billing.buy.periodsHint')}
                sx={{ maxWidth: 240 }}
                slotProps={{ htmlInput: { 'data-testid': 'buy-periods' } }}
              >
                {PERIODS.map((n) => (
                  <MenuItem key={n} value={n}>
                    {f.number(n)}
                  </MenuItem>
                ))}
              </TextField>
              {price !== null && (
                <Typography data-testid="buy-price">
                  {t('billing.buy.priceLine', {
                    total: toman(price),
                    months: t('billing.plans.months', { count: months * periods, n: f.number(months * periods) }),
                  })}
                </Typography>
              )}
              <Typography variant="body2" color="text.secondary">
                {t('billing.buy.quoteNext')}
              </Typography>
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={buy.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" loading={buy.isPending} data-testid="buy-continue">
              {t('billing.buy.continue')}
            </Button>
          </DialogActions>
        </Box>
      ) : (
        <>
          <DialogContent dividers>
            <Box
              component="dl"
              data-testid="buy-quote"
              sx={{ display: 'grid', gridTemplateColumns: 'auto auto', columnGap: 3, rowGap: 1, m: 0 }}
            >
              <QuoteRow label={t('billing.buy.quotePrice')} value={toman(quote.price)} />
              {quote.proration > 0 && (
                <QuoteRow label={t('billing.buy.quoteProration')} value={`− ${toman(quote.proration)}`} />
              )}
              <QuoteRow label={t('billing.buy.quoteAmount')} value={toman(quote.amount)} strong />
              <QuoteRow label={t('billing.buy.quoteEnds')} value={f.date(quote.endsAt, DATE_ONLY)} />
            </Box>
            {quote.proration > 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
                {t('billing.buy.prorationHint')}
              </Typography>
            )}
            <Alert severity="info" sx={{ mt: 2 }}>
              {t('billing.buy.gatewayHint')}
            </Alert>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setQuote(null)} disabled={leaving}>
              {t('common.back')}
            </Button>
            <Button variant="contained" onClick={pay} loading={leaving} data-testid="buy-pay">
              {t('billing.buy.pay', { amount: toman(quote.amount) })}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

function QuoteRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, textAlign: 'end', fontWeight: strong ? 700 : 400 }}>
        {value}
      </Typography>
    </>
  );
}
