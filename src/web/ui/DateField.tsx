import { lazy, Suspense } from 'react';
import { Skeleton } from '@mui/material';

export interface DateFieldProps {
  label: string;
  /** A calendar day as YYYY-MM-DD (Gregorian, as the API takes it), or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: boolean;
  helperText?: string;
  size?: 'small' | 'medium';
  /** The earliest day the field takes (YYYY-MM-DD): earlier days are greyed out, a typed one is refused. */
  min?: string | null;
  /** The latest day the field takes (YYYY-MM-DD). */
  max?: string | null;
  /** Why a typed day before `min` is refused (default: "choose {min} or a later day"). */
  minMessage?: string;
  /** Why a typed day after `max` is refused (default: "choose {max} or an earlier day"). */
  maxMessage?: string;
}

const Picker = lazy(() => import('./date/DatePickerField'));

/**
 * A date field: typed as year/month/day (Persian, Arabic or Latin digits) or picked from a
 * calendar — Jalali in Persian, Gregorian in English. The calendar's code loads on first use.
 */
export function DateField(props: DateFieldProps) {
  return (
    <Suspense
      fallback={
        <Skeleton variant="rounded" width="100%" height={props.size === 'medium' ? 56 : 40} sx={{ minWidth: 160 }} />
      }
    >
      <Picker {...props} />
    </Suspense>
  );
}

/** The two ends of a date range: each refuses a day on the wrong side of the other, with its reason. */
export function rangeLimits(
  from: string | null | undefined,
  to: string | null | undefined,
  t: (key: string, o?: Record<string, unknown>) => string,
  show: (day: string) => string,
): { from: Partial<DateFieldProps>; to: Partial<DateFieldProps> } {
  return {
    from: to ? { max: to, maxMessage: t('datePicker.fromAfterTo', { date: show(to) }) } : {},
    to: from ? { min: from, minMessage: t('datePicker.toBeforeFrom', { date: show(from) }) } : {},
  };
}
