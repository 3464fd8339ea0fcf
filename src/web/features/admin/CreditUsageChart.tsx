import { Bar, Tooltip } from 'recharts';
import { useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DayBarChart } from '../../ui/DayBarChart';
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
  return (
    <DayBarChart data={data} dayKey="day" height={240}>
      <Tooltip
        labelFormatter={(d) => f.day(String(d))}
        formatter={(v, _name, item) => [
          `${f.number(Number(v))} · ${t('credit.toman', { n: f.number((item.payload as UsagePoint).amount) })}`,
          t('credit.usage.parts'),
        ]}
      />
      <Bar dataKey="parts" name={t('credit.usage.parts')} fill={theme.palette.primary.main} isAnimationActive={false} />
    </DayBarChart>
  );
}
