import { Chip, Stack, Typography } from '@mui/material';
import type { TFunction } from 'i18next';
import type { TPayment } from '../../../contracts/payments';
import type { useFormat } from '../../ui/format';
import type { Column } from '../admin/CrudTable';
import { PAYMENT_COLORS } from './billing';

/**
 * The columns of a list of online payments, shared by the workspace's billing page and the
 * operator's console: when, for what, how much, where it stands, Zarinpal's reference number
 * (with the masked card) and when it was verified. `extra` columns go after the date.
 */
export function paymentColumns<P extends TPayment>(
  t: TFunction,
  f: ReturnType<typeof useFormat>,
  extra: Column<P>[] = [],
): Column<P>[] {
  const date = (iso: string) => (
    <Typography variant="body2" component="time" dateTime={iso} sx={{ whiteSpace: 'nowrap' }}>
      {f.date(iso)}
    </Typography>
  );
  return [
    { key: 'when', header: t('billing.payments.when'), render: (p) => date(p.createdAt) },
    ...extra,
    {
      key: 'purpose',
      header: t('billing.payments.purpose'),
      render: (p) => t(`billing.payments.purposes.${p.purpose}`),
    },
    {
      key: 'amount',
      header: t('billing.payments.amount'),
      render: (p) => (
        <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
          {t('credit.toman', { n: f.number(p.amount) })}
        </Typography>
      ),
    },
    {
      key: 'state',
      header: t('billing.payments.state'),
      render: (p) => (
        <Chip
          size="small"
          variant="outlined"
          color={PAYMENT_COLORS[p.state]}
          label={t(`billing.payments.states.${p.state}`)}
          data-testid={`payment-state-${p.id}`}
        />
      ),
    },
    {
      key: 'ref',
      header: t('billing.payments.refId'),
      render: (p) =>
        p.refId ? (
          <Stack>
            <Typography variant="body2" dir="ltr" sx={{ textAlign: 'start', fontFamily: 'monospace' }}>
              {p.refId}
            </Typography>
            {p.cardPan && (
              <Typography variant="caption" color="text.secondary" dir="ltr" sx={{ textAlign: 'start' }}>
                {p.cardPan}
              </Typography>
            )}
          </Stack>
        ) : (
          '—'
        ),
    },
    {
      key: 'verified',
      header: t('billing.payments.verifiedAt'),
      render: (p) => (p.verifiedAt ? date(p.verifiedAt) : '—'),
    },
  ];
}
