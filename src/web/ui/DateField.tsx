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
}

const Picker = lazy(() => import('./date/DatePickerField'));

/** A date picker that shows the Jalali calendar in Persian; its code loads on first use. */
export function DateField(props: DateFieldProps) {
  return (
    <Suspense fallback={<Skeleton variant="rounded" width={200} height={40} />}>
      <Picker {...props} />
    </Suspense>
  );
}
