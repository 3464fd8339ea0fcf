import { Autocomplete, Chip, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { AwayChip } from '../../../ui/AwayChip';
import type { Agent } from './types';

interface Ref {
  id: string;
  name: string;
}

/** Several staff members by name; people already on the ticket stay listed even if not in the lookup. */
export function PeoplePicker({
  label,
  options,
  value,
  onChange,
  disabled,
  error,
  helperText,
  testId,
}: {
  label: string;
  options: Agent[];
  value: Ref[];
  onChange: (v: Ref[]) => void;
  disabled?: boolean;
  error?: boolean;
  helperText?: string;
  testId?: string;
}) {
  const all: Ref[] = [
    ...options.map((o) => ({ id: o.id, name: o.name })),
    ...value.filter((v) => !options.some((o) => o.id === v.id)),
  ];
  const { t } = useTranslation();
  const away = new Set(options.filter((o) => o.away).map((o) => o.id));
  return (
    <Autocomplete
      multiple
      options={all}
      value={value}
      disabled={disabled}
      onChange={(_, v) => onChange(v)}
      getOptionLabel={(o) => o.name}
      renderOption={(props, o) => {
        const { key, ...rest } = props;
        return (
          <li key={key} {...rest}>
            <bdi dir="auto">{o.name}</bdi>
            {/* Issue 20: away people pass what is assigned to them to their substitute. */}
            {away.has(o.id) && <AwayChip />}
          </li>
        );
      }}
      renderValue={(values, getItemProps) =>
        values.map((v, index) => {
          const { key, ...rest } = getItemProps({ index });
          return (
            <Chip
              key={key}
              {...rest}
              size="small"
              color={away.has(v.id) ? 'warning' : 'default'}
              label={
                <>
                  <bdi dir="auto">{v.name}</bdi>
                  {away.has(v.id) && ` · ${t('away.chip')}`}
                </>
              }
            />
          );
        })
      }
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterSelectedOptions
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          inputProps={{ ...params.inputProps, dir: 'auto', 'data-testid': testId }}
        />
      )}
    />
  );
}
