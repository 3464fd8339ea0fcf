import { lazy, Suspense, useState } from 'react';
import {
  Box,
  Button,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { addDays, useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import type { UsagePoint } from './CreditUsageChart';

/** recharts is loaded only with this chart. */
const CreditUsageChart = lazy(() => import('./CreditUsageChart'));
const DAYS = 30;

/** Every day of the last `days` (the workspace's days), with what was used; days without use are 0. */
function fillDays(items: UsagePoint[], today: string, days: number): UsagePoint[] {
  const byDay = new Map(items.map((i) => [i.day, i]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    return byDay.get(day) ?? { day, parts: 0, amount: 0 };
  });
}

/** SMS use per day over the last month: a bar chart (or the same numbers as a table). */
export function CreditUsage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [asTable, setAsTable] = useState(false);
  const usage = useQuery({
    queryKey: [...CREDIT_KEY, 'usage', DAYS],
    queryFn: ({ signal }) => call('getCreditUsage', { query: { days: DAYS }, signal }),
  });
  return (
    <Paper variant="outlined" component="section" aria-labelledby="credit-usage" sx={{ p: { xs: 2, sm: 3 } }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2" id="credit-usage">
          {t('credit.usage.title', { days: f.number(DAYS) })}
        </Typography>
        <Button size="small" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
          {asTable ? t('credit.usage.showChart') : t('credit.usage.showTable')}
        </Button>
      </Stack>
      <QueryView query={usage} rows={1}>
        {(data) => {
          const points = fillDays(data.items, f.today(), DAYS);
          const total = points.reduce((a, p) => ({ parts: a.parts + p.parts, amount: a.amount + p.amount }), {
            parts: 0,
            amount: 0,
          });
          if (total.parts === 0 && total.amount === 0) return <EmptyState title={t('credit.usage.empty')} />;
          return (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {t('credit.usage.total', {
                  count: total.parts,
                  n: f.number(total.parts),
                  amount: t('credit.toman', { n: f.number(total.amount) }),
                })}
              </Typography>
              {asTable ? (
                <UsageTable points={points.filter((p) => p.parts || p.amount)} />
              ) : (
                <Box role="img" aria-label={t('credit.usage.alt', { days: f.number(DAYS) })} data-testid="credit-chart">
                  <Suspense fallback={<Skeleton variant="rounded" height={240} />}>
                    <CreditUsageChart data={points} />
                  </Suspense>
                </Box>
              )}
            </>
          );
        }}
      </QueryView>
    </Paper>
  );
}

function UsageTable({ points }: { points: UsagePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('credit.usage.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('credit.usage.day')}</TableCell>
            <TableCell align="right">{t('credit.usage.parts')}</TableCell>
            <TableCell align="right">{t('credit.usage.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {points.map((p) => (
            <TableRow key={p.day}>
              <TableCell component="th" scope="row">
                {f.day(p.day)}
              </TableCell>
              <TableCell align="right">{f.number(p.parts)}</TableCell>
              <TableCell align="right">{t('credit.toman', { n: f.number(p.amount) })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
