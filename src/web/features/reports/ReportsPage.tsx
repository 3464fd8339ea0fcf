import { lazy, Suspense, useState } from 'react';
import { Box, Button, Card, CardContent, Grid, MenuItem, Skeleton, Stack, TextField, Typography } from '@mui/material';
import Download from '@mui/icons-material/Download';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, operationUrl, type ResponseOf } from '../../app/api';
import { DateField, rangeLimits } from '../../ui/DateField';
import { addDays, useFormat } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { UserText } from '../../ui/UserText';
import { useDepartments, useStaff } from '../agent/center/lookups';
import { ReportTable } from './ReportTable';
import { useMinutes, usePercent } from './report-format';

export type Overview = ResponseOf<'getReportOverview'>;
const ReportCharts = lazy(() => import('./ReportCharts'));

/** One figure of the range, with a line under it (the 90th percentile, the counts behind a share). */
function Kpi({ name, label, value, hint }: { name: string; label: string; value: string; hint?: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={`report-kpi-${name}`}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" component="h3">
          {label}
        </Typography>
        <Typography variant="h5" component="p" sx={{ fontWeight: 600, my: 0.5 }}>
          {value}
        </Typography>
        {hint && (
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * K4: reports for admins and agents with reports.view — a range of the workspace's days
 * (Jalali in Persian), a department and an agent; the figures, charts by day, times, SLA and
 * satisfaction, tables per agent and department, and the CSV and Excel exports.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const minutes = useMinutes();
  const percent = usePercent();
  const [to, setTo] = useState<string | null>(() => f.today());
  const [from, setFrom] = useState<string | null>(() => addDays(f.today(), -29));
  const [departmentId, setDepartmentId] = useState('');
  const [agentId, setAgentId] = useState('');
  const departments = useDepartments();
  const staff = useStaff();
  const query = {
    from: from ?? undefined,
    to: to ?? undefined,
    departmentId: departmentId || undefined,
    agentId: agentId || undefined,
  };
  const overview = useQuery({
    queryKey: ['reports', 'overview', query],
    queryFn: ({ signal }) => call('getReportOverview', { query, signal }),
    placeholderData: keepPreviousData,
  });
  const range = rangeLimits(from, to, t, f.dayNumeric);

  const kpis = (d: Overview) => [
    { name: 'created', label: t('reports.created'), value: f.number(d.created) },
    { name: 'closed', label: t('reports.closed'), value: f.number(d.closed) },
    {
      name: 'backlog',
      label: t('reports.backlog'),
      value: f.number(d.backlog.end),
      hint: t('reports.backlogStart', { n: f.number(d.backlog.start) }),
    },
    {
      name: 'firstResponse',
      label: t('reports.firstResponseMedian'),
      value: minutes(d.firstResponse.median),
      hint: t('reports.p90', { value: minutes(d.firstResponse.p90) }),
    },
    {
      name: 'resolution',
      label: t('reports.resolutionMedian'),
      value: minutes(d.resolution.median),
      hint: t('reports.p90', { value: minutes(d.resolution.p90) }),
    },
    {
      name: 'sla',
      label: t('reports.slaAttainment'),
      value: percent(d.slaAttainment),
      hint: t('reports.slaCounts', { met: f.number(d.sla.met), breached: f.number(d.sla.breached) }),
    },
    {
      name: 'csat',
      label: t('reports.csatAverage'),
      value: d.csat.average === null ? t('reports.none') : t('reports.outOfFive', { n: f.number(d.csat.average) }),
      hint: t('reports.csatResponses', { n: f.number(d.csat.responses) }),
    },
  ];

  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, flexBasis: { xs: '100%', sm: 'auto' } }}>
          {t('reports.title')}
        </Typography>
        <Button
          variant="outlined"
          startIcon={<Download />}
          href={operationUrl('exportReportCsv', { query })}
          data-testid="report-export-csv"
        >
          {t('reports.exportCsv')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<Download />}
          href={operationUrl('exportReportXlsx', { query })}
          data-testid="report-export-xlsx"
        >
          {t('reports.exportXlsx')}
        </Button>
      </Stack>
      <Box
        component="section"
        aria-label={t('reports.filters')}
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, gap: 1.5, mb: 3 }}
      >
        <DateField label={t('reports.from')} value={from} onChange={setFrom} {...range.from} />
        <DateField label={t('reports.to')} value={to} onChange={setTo} {...range.to} />
        <TextField
          select
          size="small"
          label={t('reports.department')}
          value={departmentId}
          onChange={(e) => setDepartmentId(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid="report-department"
        >
          <MenuItem value="">{t('reports.all')}</MenuItem>
          {(departments.data?.items ?? []).map((d) => (
            <MenuItem key={d.id} value={d.id}>
              <UserText>{d.name}</UserText>
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('reports.agent')}
          value={agentId}
          onChange={(e) => setAgentId(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid="report-agent"
        >
          <MenuItem value="">{t('reports.all')}</MenuItem>
          {(staff.data ?? []).map((u) => (
            <MenuItem key={u.id} value={u.id}>
              <UserText>{u.name}</UserText>
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {overview.isPending ? (
        <Loading rows={4} />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <Stack spacing={3} sx={{ opacity: overview.isPlaceholderData ? 0.6 : 1 }}>
          <Grid container spacing={2} component="section" aria-label={t('reports.summary')}>
            {kpis(overview.data).map((k) => (
              <Grid key={k.name} size={{ xs: 6, md: 3, xl: 'grow' }}>
                <Kpi {...k} />
              </Grid>
            ))}
          </Grid>
          {overview.data.created + overview.data.closed === 0 ? (
            <EmptyState title={t('reports.empty')} hint={t('reports.emptyHint')} />
          ) : (
            <>
              <Suspense fallback={<Skeleton variant="rounded" height={320} />}>
                <ReportCharts data={overview.data} />
              </Suspense>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, lg: 6 }}>
                  <ReportTable title={t('reports.byAgent')} rows={overview.data.byAgent} testId="report-by-agent" />
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                  <ReportTable
                    title={t('reports.byDepartment')}
                    rows={overview.data.byDepartment}
                    testId="report-by-department"
                  />
                </Grid>
              </Grid>
            </>
          )}
        </Stack>
      )}
    </Box>
  );
}
