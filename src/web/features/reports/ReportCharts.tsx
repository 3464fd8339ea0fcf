import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Box, Card, CardContent, Grid, Typography, useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DayBarChart, SHORT_DAY } from '../../ui/DayBarChart';
import { useFormat } from '../../ui/format';
import type { Overview } from './ReportsPage';
import { useMinutes, usePercent } from './report-format';

const COLORS = {
  created: '#0b5cad',
  closed: '#2e7d32',
  median: '#0b5cad',
  p90: '#ed6c02',
  met: '#2e7d32',
  breached: '#d32f2f',
  running: '#9e9e9e',
  csat: '#7b1fa2',
  rest: '#e0e0e0',
};

/** Our own legend: recharts' runs its items together in right-to-left pages (as StatusChart's). */
function Legend({ items }: { items: { color: string; label: string }[] }) {
  return (
    <Box
      component="ul"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        justifyContent: 'center',
        columnGap: 3,
        rowGap: 0.5,
        listStyle: 'none',
        p: 0,
        m: 0,
        pt: 1,
      }}
    >
      {items.map((i) => (
        <Box component="li" key={i.label} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box component="span" sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: i.color }} />
          <Typography variant="body2" component="span">
            {i.label}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function ChartCard({ id, title, alt, children }: { id: string; title: string; alt: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={`${id}-title`} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={`${id}-title`} sx={{ mb: 1 }}>
          {title}
        </Typography>
        <Box role="img" aria-label={alt} data-testid={id}>
          {children}
        </Box>
      </CardContent>
    </Card>
  );
}

/** A ring filled to `share` (0..1) with the figure in its middle: SLA attainment, satisfaction. */
function Ring({
  share,
  color,
  label,
  parts,
}: {
  share: number | null;
  color: string;
  label: string;
  parts?: { name: string; value: number; color: string }[];
}) {
  const data = parts ?? [
    { name: 'value', value: share ?? 0, color },
    { name: 'rest', value: 1 - (share ?? 0), color: COLORS.rest },
  ];
  return (
    <Box sx={{ position: 'relative', height: 200 }}>
      <ResponsiveContainer width="100%" height={200}>
        <PieChart>
          <Pie
            data={data}
            dataKey="value"
            nameKey="name"
            innerRadius={60}
            outerRadius={85}
            startAngle={90}
            endAngle={-270}
            isAnimationActive={false}
            stroke="none"
          >
            {data.map((d) => (
              <Cell key={d.name} fill={d.color} />
            ))}
          </Pie>
        </PieChart>
      </ResponsiveContainer>
      <Typography
        variant="h5"
        component="p"
        sx={{
          position: 'absolute',
          inset: 0,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 600,
        }}
      >
        {label}
      </Typography>
    </Box>
  );
}

/** K4's charts (recharts stays in this lazily loaded chunk): volume by day, times, SLA, satisfaction. */
export default function ReportCharts({ data }: { data: Overview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const minutes = useMinutes();
  const percent = usePercent();
  const rtl = useTheme().direction === 'rtl';
  const hours = (m: number | null) => (m === null ? 0 : Math.round((m / 60) * 10) / 10);
  const times = [
    {
      name: t('reports.firstResponse'),
      median: hours(data.firstResponse.median),
      p90: hours(data.firstResponse.p90),
      mMedian: data.firstResponse.median,
      mP90: data.firstResponse.p90,
    },
    {
      name: t('reports.resolution'),
      median: hours(data.resolution.median),
      p90: hours(data.resolution.p90),
      mMedian: data.resolution.median,
      mP90: data.resolution.p90,
    },
  ];
  const slaParts = [
    { name: t('reports.slaMet'), value: data.sla.met, color: COLORS.met },
    { name: t('reports.slaBreached'), value: data.sla.breached, color: COLORS.breached },
  ];
  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <ChartCard
          id="report-volume-chart"
          title={t('reports.volumeTitle')}
          alt={t('reports.volumeAlt', { from: f.day(data.from), to: f.day(data.to) })}
        >
          <DayBarChart data={data.byDay} dayKey="date" height={280}>
            <Tooltip
              labelFormatter={(d) => f.day(String(d), SHORT_DAY)}
              formatter={(v, name) => [f.number(Number(v)), name]}
            />
            <Bar dataKey="created" name={t('reports.created')} fill={COLORS.created} isAnimationActive={false} />
            <Bar dataKey="closed" name={t('reports.closed')} fill={COLORS.closed} isAnimationActive={false} />
          </DayBarChart>
          <Legend
            items={[
              { color: COLORS.created, label: t('reports.created') },
              { color: COLORS.closed, label: t('reports.closed') },
            ]}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard
          id="report-times-chart"
          title={t('reports.timesTitle')}
          alt={t('reports.timesAlt', { fr: minutes(data.firstResponse.median), res: minutes(data.resolution.median) })}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={times} margin={{ top: 12, right: 12, left: 12, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" reversed={rtl} tick={{ fontSize: 12 }} />
              <YAxis
                orientation={rtl ? 'right' : 'left'}
                width={44}
                tickFormatter={(v: number) => f.number(v)}
                tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
                label={{
                  value: t('reports.hoursAxis'),
                  angle: -90,
                  position: rtl ? 'insideRight' : 'insideLeft',
                  fontSize: 12,
                }}
              />
              <Tooltip
                formatter={(_v, name, item) => [
                  minutes(
                    (item.payload as { mMedian: number | null; mP90: number | null })[
                      name === t('reports.median') ? 'mMedian' : 'mP90'
                    ],
                  ),
                  name,
                ]}
              />
              <Bar dataKey="median" name={t('reports.median')} fill={COLORS.median} isAnimationActive={false} />
              <Bar dataKey="p90" name={t('reports.p90Short')} fill={COLORS.p90} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <Legend
            items={[
              { color: COLORS.median, label: t('reports.median') },
              { color: COLORS.p90, label: t('reports.p90Short') },
            ]}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <ChartCard
          id="report-sla-chart"
          title={t('reports.slaAttainment')}
          alt={t('reports.slaAlt', {
            share: percent(data.slaAttainment),
            met: f.number(data.sla.met),
            breached: f.number(data.sla.breached),
          })}
        >
          <Ring
            share={data.slaAttainment}
            color={COLORS.met}
            label={percent(data.slaAttainment)}
            parts={data.sla.met + data.sla.breached ? slaParts : undefined}
          />
          <Legend items={slaParts.map((p) => ({ color: p.color, label: `${p.name}: ${f.number(p.value)}` }))} />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <ChartCard
          id="report-csat-chart"
          title={t('reports.csatAverage')}
          alt={t('reports.csatAlt', {
            avg: data.csat.average === null ? t('reports.none') : f.number(data.csat.average),
            n: f.number(data.csat.responses),
          })}
        >
          <Ring
            share={data.csat.average === null ? null : data.csat.average / 5}
            color={COLORS.csat}
            label={
              data.csat.average === null
                ? t('reports.none')
                : t('reports.outOfFive', { n: f.number(data.csat.average) })
            }
          />
          <Legend
            items={[{ color: COLORS.csat, label: t('reports.csatResponses', { n: f.number(data.csat.responses) }) }]}
          />
        </ChartCard>
      </Grid>
    </Grid>
  );
}
