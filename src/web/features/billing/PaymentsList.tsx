import { Chip, Paper, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { CrudTable, usePaging, type Column } from '../admin/CrudTable';
import { PAYMENT_COLORS, PAYMENTS_KEY } from './billing';

type Payment = ItemOf<'listPayments'>;

/**
 * The workspace's online payments, newest first: what was paid for, how much, where it stands,
 * and Zarinpal's reference number (what the payer's bank statement shows) once paid. While one is
 * still being verified (`pending` return) the list is read again every few seconds.
 */
export function PaymentsList({ watch }: { watch?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { page, pageSize, paging } = usePaging(10);
  const payments = useQuery({
    queryKey: [...PAYMENTS_KEY, { page, pageSize }],
    queryFn: ({ signal }) => call('listPayments', { query: { page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      watch && q.state.data?.items.some((p) => p.state === 'created' || p.state === 'verifying') ? 5000 : false,
  });
  const columns: Column<Payment>[] = [
    {
      key: 'when',
      header: t('billing.payments.when'),
      render: (p) => (
        <Typography variant="body2" component="time" dateTime={p.createdAt}>
          {f.date(p.createdAt)}
        </Typography>
      ),
    },
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
      render: (p) =>
        p.verifiedAt ? (
          <Typography variant="body2" component="time" dateTime={p.verifiedAt}>
            {f.date(p.verifiedAt)}
          </Typography>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="billing-payments" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" id="billing-payments" sx={{ mb: 2 }}>
        {t('billing.payments.title')}
      </Typography>
      <QueryView query={payments} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('billing.payments.empty')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(p) => p.id}
              rowName={(p) => p.id}
              caption={t('billing.payments.title')}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
    </Paper>
  );
}
