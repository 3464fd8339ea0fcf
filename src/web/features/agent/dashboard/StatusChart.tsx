import { Bar, Legend, Tooltip } from 'recharts';
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DayBarChart, SHORT_DAY } from '../../../ui/DayBarChart';
import { useFormat } from '../../../ui/format';
import type { StatusPoint } from './useStatusSeries';

const ORDER = ['active', 'pending', 'closed', 'locked'] as const;
export const STATUS_COLORS = { active: '#0b5cad', pending: '#ed6c02', closed: '#9e9e9e', locked: '#7b1fa2' } as const;

/**
 * The legend, drawn by us rather than recharts: recharts spaces its items with left/right margins
 * that run together in right-to-left pages. A swatch and its name, then a clear gap to the next
 * one, in either direction; the text in the normal colour (grey text for "closed" would be too
 * faint), the swatch carries the colour.
 */
function StatusLegend() {
  const { t } = useTranslation();
  return (
    <Box
      component="ul"
      data-testid="status-legend"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        justifyContent: 'center',
        columnGap: 3,
        rowGap: 0.5,
        listStyle: 'none',
        p: 0,
        m: 0,
        pt: 1.5,
      }}
    >
      {ORDER.map((s) => (
        <Box component="li" key={s} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box component="span" sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: STATUS_COLORS[s] }} />
          <Typography variant="body2" component="span">
            {t(`status.${s}`)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** Stacked bars of the tickets created each day by their status; recharts stays in this chunk. */
export default function StatusChart({ data }: { data: StatusPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <DayBarChart data={data} dayKey="date" height={280}>
      <Tooltip
        labelFormatter={(d) => f.day(String(d), SHORT_DAY)}
        formatter={(v, name) => [f.number(Number(v)), name]}
      />
      <Legend content={() => <StatusLegend />} />
      {ORDER.map((s) => (
        <Bar
          key={s}
          dataKey={s}
          name={t(`status.${s}`)}
          stackId="s"
          fill={STATUS_COLORS[s]}
          isAnimationActive={false}
        />
      ))}
    </DayBarChart>
  );
}
