import { useMemo } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** Every IANA zone this browser knows, Asia/Tehran and UTC first; the current value is always offered. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const first = ['Asia/Tehran', 'UTC'];
  return [...new Set([...first, current, ...known].filter(Boolean))];
}

/** J1: the workspace's time zone, whose days the filters, "today" and the charts count. */
export function TimeZoneField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const options = useMemo(() => zones(value), [value]);
  return (
    <Autocomplete
      options={options}
      value={value}
      disableClearable
      autoHighlight
      onChange={(_e, zone) => onChange(zone)}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('admin.settings.timeZone')}
          error={!!error}
          helperText={error ?? t('admin.settings.timeZoneHint')}
          slotProps={{ htmlInput: { ...params.inputProps, dir: 'ltr', 'data-testid': 'settings-time-zone' } }}
        />
      )}
    />
  );
}
