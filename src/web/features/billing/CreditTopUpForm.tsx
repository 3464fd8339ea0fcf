import { useState } from 'react';
import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { MoneyField } from '../catalogue/MoneyField';
import { SubmitButton } from '../admin/SubmitButton';
import { MAX_TOP_UP, MIN_TOP_UP, TOP_UP_PRESETS } from './billing';

/** Sends the browser to the gateway's payment page (a full page load: Zarinpal is another site). */
export const goToPayment = (url: string) => window.location.assign(url);

/**
 * Buying SMS credit online (issue 19): an amount in toman, then Zarinpal's payment page. The
 * payer comes back to /admin/billing?payment=…, where the outcome shows and the balance is read again.
 */
export function CreditTopUpForm() {
  const { t } = useTranslation();
  const f = useFormat();
  const [amount, setAmount] = useState('');
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  const value = Number(amount);
  const inRange = value >= MIN_TOP_UP && value <= MAX_TOP_UP;
  const topUp = useMutation({
    mutationFn: () => call('topUpCredit', { body: { amount: value } }),
    onSuccess: ({ paymentUrl }) => goToPayment(paymentUrl),
  });
  const fe = fieldErrors(topUp.error);
  // Once the answer came the browser is leaving: the button stays busy until the page goes.
  const busy = topUp.isPending || topUp.isSuccess;
  return (
    <Box component="section" aria-labelledby="credit-top-up" sx={{ mt: 2 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="subtitle1" component="h3" id="credit-top-up" sx={{ fontWeight: 600 }}>
        {t('billing.topUp.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('billing.topUp.hint')}
      </Typography>
      <Stack
        component="form"
        noValidate
        spacing={2}
        onSubmit={(e) => {
          e.preventDefault();
          if (inRange && !busy) topUp.mutate();
        }}
      >
        <FormError error={topUp.error} shown={['amount']} />
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} role="group" aria-label={t('billing.topUp.presets')}>
          {TOP_UP_PRESETS.map((p) => (
            <Chip
              key={p}
              label={toman(p)}
              variant={value === p ? 'filled' : 'outlined'}
              color={value === p ? 'primary' : 'default'}
              onClick={() => setAmount(String(p))}
              aria-pressed={value === p}
            />
          ))}
        </Stack>
        <MoneyField
          required
          label={t('billing.topUp.amount')}
          value={amount}
          onChange={setAmount}
          {...fe.field(
            'amount',
            amount && !inRange
              ? t('billing.topUp.range', { min: toman(MIN_TOP_UP), max: toman(MAX_TOP_UP) })
              : t('billing.topUp.amountHint', { min: toman(MIN_TOP_UP) }),
          )}
          error={fe.has('amount') || (!!amount && !inRange)}
          sx={{ maxWidth: { sm: 320 } }}
          slotProps={{ htmlInput: { 'data-testid': 'top-up-amount' } }}
        />
        <SubmitButton disabled={!inRange} loading={busy} testId="top-up-submit">
          {inRange ? t('billing.topUp.submitAmount', { amount: toman(value) }) : t('billing.topUp.submit')}
        </SubmitButton>
      </Stack>
    </Box>
  );
}
