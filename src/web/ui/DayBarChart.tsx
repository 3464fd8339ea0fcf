import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material';
import { useFormat } from './format';

/** How the days along the bottom are written (also for a tooltip that names the day as briefly). */
export const SHORT_DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };

/**
 * A bar chart by day, the frame the dashboard charts share: the days along the bottom (short,
 * in the page's direction), whole numbers up the side (on the right in a right-to-left page),
 * a light grid. The tooltip, legend and bars are the caller's (`children`). It brings recharts:
 * import it only from a lazily loaded chart, so recharts stays in that chunk.
 */
export function DayBarChart<T extends object>({
  data,
  dayKey,
  height,
  children,
}: {
  data: T[];
  /** The field holding each point's day (an ISO date). */
  dayKey: keyof T & string;
  height: number;
  children: ReactNode;
}) {
  const f = useFormat();
  const rtl = useTheme().direction === 'rtl';
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 12, right: 12, left: 12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey={dayKey as string}
          tickFormatter={(d: string) => f.day(d, SHORT_DAY)}
          reversed={rtl}
          tick={{ fontSize: 12 }}
          minTickGap={8}
        />
        <YAxis
          allowDecimals={false}
          orientation={rtl ? 'right' : 'left'}
          tickFormatter={(v: number) => f.number(v)}
          width={44}
          // In a right-to-left page "start" is the text's right end: anchored there, the numbers
          // of the right-hand axis would run back over the axis line and be cut.
          tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
        />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}
