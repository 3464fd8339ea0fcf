import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Box, Typography, useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
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
  const theme = useTheme();
  const rtl = theme.direction === 'rtl';
  const day = (d: string) => f.day(d, { month: 'short', day: 'numeric' });
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 12, right: 12, left: 12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="date" tickFormatter={day} reversed={rtl} tick={{ fontSize: 12 }} minTickGap={8} />
        <YAxis
          allowDecimals={false}
          orientation={rtl ? 'right' : 'left'}
          tickFormatter={(v: number) => f.number(v)}
          width={44}
          // In a right-to-left page "start" is the text's right end: anchored there, the numbers
          // of the right-hand axis would run back over the axis line and be cut.
          tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
        />
        <Tooltip labelFormatter={(d) => day(String(d))} formatter={(v, name) => [f.number(Number(v)), name]} />
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
      </BarChart>
    </ResponsiveContainer>
  );
}
