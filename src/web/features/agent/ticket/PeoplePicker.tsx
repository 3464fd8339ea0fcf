import { Autocomplete, TextField } from '@mui/material';
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
  return (
    <Autocomplete
      multiple
      options={all}
      value={value}
      disabled={disabled}
      onChange={(_, v) => onChange(v)}
      getOptionLabel={(o) => o.name}
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
