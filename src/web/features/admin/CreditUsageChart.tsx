import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';

export interface UsagePoint {
  day: string;
  parts: number;
  amount: number;
}

/** SMS parts sent per day, as bars; the toman spent in the tooltip. recharts stays in this chunk. */
export default function CreditUsageChart({ data }: { data: UsagePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const rtl = theme.direction === 'rtl';
  const day = (d: string) => f.day(d, { month: 'short', day: 'numeric' });
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 12, right: 12, left: 12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tickFormatter={day} reversed={rtl} tick={{ fontSize: 12 }} minTickGap={8} />
        <YAxis
          allowDecimals={false}
          orientation={rtl ? 'right' : 'left'}
          tickFormatter={(v: number) => f.number(v)}
          width={44}
          // See StatusChart: in a right-to-left page the right-hand axis' numbers are anchored at their end.
          tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
        />
        <Tooltip
          labelFormatter={(d) => f.day(String(d))}
          formatter={(v, _name, item) => [
            `${f.number(Number(v))} · ${t('credit.toman', { n: f.number((item.payload as UsagePoint).amount) })}`,
            t('credit.usage.parts'),
          ]}
        />
        <Bar
          dataKey="parts"
          name={t('credit.usage.parts')}
          fill={theme.palette.primary.main}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
