import { Paper, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { CrudTable, usePaging } from '../admin/CrudTable';
import { PAYMENTS_KEY } from './billing';
import { paymentColumns } from './payment-columns';

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
  const columns = paymentColumns<Payment>(t, f);
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
