import type { ReactNode } from 'react';
import { Alert, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../app/api';
import { useFormat } from '../../ui/format';

type Credit = ResponseOf<'getCredit'>;

/**
 * I2: the SMS credit's balance, what it is enough for, and a warning when it runs low. Shown on
 * the SMS credit page and on the billing page (`children`: the billing page's top-up form).
 */
export function CreditBalance({ credit, children }: { credit: Credit; children?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  const messages = credit.pricePerSms > 0 ? Math.floor(Math.max(0, credit.balance) / credit.pricePerSms) : 0;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="credit-balance" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" id="credit-balance">
        {t('credit.balance')}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        sx={{ mt: 1, fontWeight: 600, color: credit.lowBalance ? 'error.main' : 'text.primary' }}
        data-testid="credit-balance"
      >
        {toman(credit.balance)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {credit.charging
          ? t('credit.enoughFor', { count: messages, n: f.number(messages), price: toman(credit.pricePerSms) })
          : t('credit.notCharging')}
      </Typography>
      {credit.lowBalance && (
        <Alert severity="warning" sx={{ mt: 2 }} data-testid="credit-low">
          {t('credit.lowText', { threshold: toman(credit.lowBalanceThreshold) })}
        </Alert>
      )}
      {children}
    </Paper>
  );
}
