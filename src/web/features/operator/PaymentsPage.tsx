import { Chip, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useUrlParams } from './useUrlParams';
import { call, type ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { AdminPage } from '../admin/AdminPage';
import { CrudTable } from '../admin/CrudTable';
import { paymentColumns } from '../billing/payment-columns';

type Payment = ItemOf<'listOperatorPayments'>;

/** Every online payment of the platform, newest first; or one workspace's (from its row's link). */
export default function PaymentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { params, page, pageSize, update } = useUrlParams();
  const workspaceId = /^[1-9]\d{0,15}$/.test(params.get('workspaceId') ?? '') ? params.get('workspaceId')! : undefined;
  const slug = params.get('slug');
  const list = useQuery({
    queryKey: ['operator', 'payments', { workspaceId, page, pageSize }],
    queryFn: ({ signal }) => call('listOperatorPayments', { query: { workspaceId, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

  const columns = paymentColumns<Payment>(t, f, [
    {
      key: 'workspace',
      header: t('operator.workspaces.workspace'),
      render: (p) => (
        <Typography variant="body2" dir="ltr" component="span">
          {p.workspace.slug}
        </Typography>
      ),
    },
  ]);

  return (
    <AdminPage title={t('operator.payments.title')} intro={t('operator.payments.intro')}>
      {workspaceId && (
        <Stack direction="row">
          <Chip
            label={t('operator.payments.ofWorkspace', { slug: slug ?? workspaceId })}
            onDelete={() => update({ workspaceId: null, slug: null, page: null })}
            data-testid="operator-payments-filter"
          />
        </Stack>
      )}
      <QueryView query={list} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('billing.payments.empty')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(p) => p.id}
              rowName={(p) => p.id}
              caption={t('operator.payments.title')}
              paging={{
                page,
                pageSize,
                total: data.total,
                onPage: (p) => update({ page: p > 1 ? String(p) : null }),
                onPageSize: (s) => update({ pageSize: String(s), page: null }),
              }}
            />
          )
        }
      </QueryView>
    </AdminPage>
  );
}
