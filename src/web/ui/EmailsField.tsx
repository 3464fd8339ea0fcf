import { useState } from 'react';
import { Autocomplete, Chip, TextField } from '@mui/material';

interface Props {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: boolean;
  helperText?: string;
  testId?: string;
}

/** A list of addresses typed freely: Enter, comma, space or leaving the field makes a chip. */
export function EmailsField({ label, value, onChange, error, helperText, testId }: Props) {
  const [input, setInput] = useState('');
  const commit = (text: string) => {
    const parts = text
      .split(/[\s,،;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length) onChange([...new Set([...value, ...parts])]);
    setInput('');
  };
  return (
    <Autocomplete
      multiple
      freeSolo
      options={[]}
      value={value}
      inputValue={input}
      onInputChange={(_, v, reason) => (reason === 'input' && /[\s,،;]$/.test(v) ? commit(v) : setInput(v))}
      onChange={(_, v) => onChange(v as string[])}
      renderValue={(vals, getItemProps) =>
        vals.map((v, i) => <Chip {...getItemProps({ index: i })} key={v} size="small" label={v} dir="ltr" />)
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          onBlur={() => commit(input)}
          slotProps={{ htmlInput: { ...params.inputProps, dir: 'ltr', inputMode: 'email', 'data-testid': testId } }}
        />
      )}
    />
  );
}
