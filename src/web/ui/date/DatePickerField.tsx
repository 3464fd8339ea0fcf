import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { faIR as faJalali } from 'date-fns-jalali/locale';
import { enGB } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';
import type { DateFieldProps } from '../DateField';

/** MUI X date picker: Jalali (date-fns-jalali) in Persian, Gregorian in English. */
export default function DatePickerField({ label, value, onChange, error, helperText, size = 'small' }: DateFieldProps) {
  const { i18n } = useTranslation();
  const fa = i18n.language === 'fa';
  const date = value ? new Date(`${value}T00:00:00`) : null;
  return (
    <LocalizationProvider dateAdapter={fa ? AdapterDateFnsJalali : AdapterDateFns} adapterLocale={fa ? faJalali : enGB}>
      <DatePicker
        label={label}
        value={date && !Number.isNaN(date.getTime()) ? date : null}
        onChange={(d) => {
          if (!d || Number.isNaN(d.getTime())) return onChange(null);
          const pad = (n: number) => String(n).padStart(2, '0');
          onChange(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
        }}
        slotProps={{ textField: { size, error, helperText }, field: { clearable: true } }}
      />
    </LocalizationProvider>
  );
}
