import { lazy, Suspense, useState } from 'react';
import { Box, Button, Card, CardContent, Grid, Skeleton, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, type ResponseOf } from '../../app/api';
import { can, useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, ErrorState, QueryView } from '../../ui/states';
import { CounterCard } from './dashboard/CounterCard';
import { DeflectionCard } from './dashboard/DeflectionCard';
import { SeriesTable } from './dashboard/SeriesTable';
import { useStatusSeries } from './dashboard/useStatusSeries';

type Dashboard = ResponseOf<'getDashboard'>;
const StatusChart = lazy(() => import('./dashboard/StatusChart'));
// A month: the demo data, and most helpdesks, need more than two weeks to show a trend.
const DAYS = 30;

/** D5: the agent's counters, each a door into the ticket center, and the last month by status. */
export default function AgentDashboard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const f = useFormat();
  const query = useQuery({ queryKey: ['dashboard'], queryFn: () => call('getDashboard') });
  const series = useStatusSeries(DAYS);
  const [asTable, setAsTable] = useState(false);

  const groups = (d: Dashboard) => [
    {
      title: t('agentDashboard.myDepartments'),
      items: [
        {
          name: 'departmentsActive',
          value: d.departments?.active ?? 0,
          to: '/agent/tickets?status=active',
          label: t('agentDashboard.active'),
          hint: t('agentDashboard.activeHint'),
        },
        {
          name: 'departmentsPending',
          value: d.departments?.pending ?? 0,
          to: '/agent/tickets?status=pending',
          label: t('agentDashboard.pending'),
          hint: t('agentDashboard.pendingHint'),
        },
        {
          name: 'unassigned',
          value: d.unassigned ?? 0,
          to: '/agent/tickets?status=active&assignee=none',
          label: t('agentDashboard.unassigned'),
          hint: t('agentDashboard.unassignedHint'),
        },
        {
          name: 'openedToday',
          value: d.today?.opened ?? 0,
          to: `/agent/tickets?status=any&from=${f.today()}`,
          label: t('agentDashboard.openedToday'),
          hint: t('agentDashboard.openedTodayHint'),
        },
      ],
    },
    {
      title: t('agentDashboard.mine'),
      items: [
        {
          name: 'mineActive',
          value: d.mine?.active ?? 0,
          to: '/agent/tickets?status=active&assignee=me',
          label: t('agentDashboard.active'),
          hint: t('agentDashboard.mineActiveHint'),
        },
        {
          name: 'minePending',
          value: d.mine?.pending ?? 0,
          to: '/agent/tickets?status=pending&assignee=me',
          label: t('agentDashboard.pending'),
          hint: t('agentDashboard.minePendingHint'),
        },
      ],
    },
  ];

  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 3, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, flexBasis: { xs: '100%', sm: 'auto' } }}>
          {t('agentDashboard.title')}
        </Typography>
        <Button component={Link} to="/agent/tickets" variant="outlined">
          {t('agentDashboard.openCenter')}
        </Button>
        {can(me, 'tickets.create') && (
          <Button component={Link} to="/agent/new" variant="contained" startIcon={<Add />}>
            {t('agentDashboard.newTicket')}
          </Button>
        )}
      </Stack>
      <QueryView query={query} rows={3}>
        {(d) => (
          <Stack spacing={3}>
            {groups(d).map((g) => (
              <Box component="section" key={g.title} aria-labelledby={`dash-${g.items[0].name}`}>
                <Typography variant="h6" component="h2" id={`dash-${g.items[0].name}`} sx={{ mb: 1 }}>
                  {g.title}
                </Typography>
                <Grid container spacing={2}>
                  {g.items.map((c) => (
                    <Grid key={c.name} size={{ xs: 6, md: 4 }}>
                      <CounterCard {...c} />
                    </Grid>
                  ))}
                </Grid>
              </Box>
            ))}
          </Stack>
        )}
      </QueryView>
      <Card variant="outlined" sx={{ mt: 3 }} component="section" aria-labelledby="status-chart-title">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
            <Box sx={{ flexGrow: 1 }}>
              <Typography variant="h6" component="h2" id="status-chart-title">
                {t('agentDashboard.chartTitle')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('agentDashboard.chartHint', { days: f.number(DAYS) })}
              </Typography>
            </Box>
            <Button size="small" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
              {asTable ? t('agentDashboard.showChart') : t('agentDashboard.showTable')}
            </Button>
          </Stack>
          <Box data-testid="status-chart" sx={{ minHeight: 280 }}>
            {series.isPending ? (
              <Box role="status" aria-label={t('common.loading')}>
                <Skeleton variant="rounded" height={280} />
              </Box>
            ) : series.isError ? (
              <ErrorState error={series.error} onRetry={() => void series.refetch()} />
            ) : series.data.every((p) => p.active + p.pending + p.closed + p.locked === 0) ? (
              <EmptyState title={t('agentDashboard.chartEmpty')} />
            ) : asTable ? (
              <SeriesTable data={series.data} />
            ) : (
              <Box role="img" aria-label={t('agentDashboard.chartAlt', { days: f.number(DAYS) })}>
                <Suspense fallback={<Skeleton variant="rounded" height={280} />}>
                  <StatusChart data={series.data} />
                </Suspense>
              </Box>
            )}
          </Box>
        </CardContent>
      </Card>
      {(can(me, 'kb.manage') || can(me, 'reports.view')) && <DeflectionCard />}
    </Box>
  );
}
