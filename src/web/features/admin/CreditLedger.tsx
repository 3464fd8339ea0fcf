import { Chip, Paper, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import { CrudTable, usePaging, type Column } from './CrudTable';

type Entry = ItemOf<'listCreditEntries'>;
const KIND_COLORS = { topup: 'success', grant: 'success', sms: 'default', refund: 'info' } as const;

/** The ledger: every top-up, grant, SMS charge and refund, newest first, with the balance after it. */
export function CreditLedger() {
  const { t } = useTranslation();
  const f = useFormat();
  const { page, pageSize, paging } = usePaging(10);
  const entries = useQuery({
    queryKey: [...CREDIT_KEY, 'entries', { page, pageSize }],
    queryFn: ({ signal }) => call('listCreditEntries', { query: { page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  const columns: Column<Entry>[] = [
    {
      key: 'when',
      header: t('credit.ledger.when'),
      render: (e) => (
        <Typography variant="body2" component="time" dateTime={e.createdAt}>
          {f.date(e.createdAt)}
        </Typography>
      ),
    },
    {
      key: 'kind',
      header: t('credit.ledger.kind'),
      render: (e) => (
        <Chip size="small" variant="outlined" color={KIND_COLORS[e.kind]} label={t(`credit.ledger.kinds.${e.kind}`)} />
      ),
    },
    {
      key: 'amount',
      header: t('credit.ledger.amount'),
      render: (e) => (
        <Typography
          variant="body2"
          component="span"
          sx={{ color: e.amount < 0 ? 'error.main' : 'success.dark', whiteSpace: 'nowrap' }}
        >
          <bdi>{e.amount > 0 ? `+${f.number(e.amount)}` : f.number(e.amount)}</bdi>
        </Typography>
      ),
    },
    { key: 'after', header: t('credit.ledger.balanceAfter'), render: (e) => toman(e.balanceAfter) },
    {
      key: 'note',
      header: t('credit.ledger.note'),
      render: (e) => (
        <Stack>
          {e.note && (
            <Typography variant="body2" dir="auto" sx={{ textAlign: 'start', overflowWrap: 'anywhere' }}>
              {e.note}
            </Typography>
          )}
          {e.reference && (
            <Typography variant="caption" color="text.secondary" dir="ltr" sx={{ textAlign: 'start' }}>
              {e.reference}
            </Typography>
          )}
          {!e.note && !e.reference && '—'}
        </Stack>
      ),
    },
  ];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="credit-ledger" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" id="credit-ledger" sx={{ mb: 2 }}>
        {t('credit.ledger.title')}
      </Typography>
      <QueryView query={entries} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('credit.ledger.empty')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(e) => e.id}
              rowName={(e) => e.id}
              caption={t('credit.ledger.title')}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
    </Paper>
  );
}
