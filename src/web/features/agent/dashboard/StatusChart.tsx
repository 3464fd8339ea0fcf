import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import type { StatusPoint } from './useStatusSeries';

const ORDER = ['active', 'pending', 'closed', 'locked'] as const;
export const STATUS_COLORS = { active: '#0b5cad', pending: '#ed6c02', closed: '#9e9e9e', locked: '#7b1fa2' } as const;

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
          tick={{ fontSize: 12 }}
        />
        <Tooltip labelFormatter={(d) => day(String(d))} formatter={(v, name) => [f.number(Number(v)), name]} />
        <Legend
          itemSorter={(item) => ORDER.indexOf(item.dataKey as (typeof ORDER)[number])}
          // Legend text in the series colour is too faint for grey (closed); the swatch carries the colour.
          formatter={(value) => <span style={{ color: theme.palette.text.primary }}>{value}</span>}
        />
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
