import { useState } from 'react';
import { Autocomplete, Chip, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
export const isEmail = (s: string) => EMAIL.test(s);

/** C15: addresses typed one after the other; comma, semicolon, space or Enter ends one. */
export function EmailChips({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const add = (raw: string[]) => {
    const parts = raw
      .flatMap((s) => s.split(/[\s,;،]+/))
      .map((s) => s.trim())
      .filter(Boolean);
    onChange([...new Set([...value, ...parts])]);
  };
  const invalid = value.filter((v) => !isEmail(v));
  return (
    <Autocomplete
      multiple
      freeSolo
      size="small"
      options={[]}
      value={value}
      inputValue={input}
      onInputChange={(_, v, reason) => {
        if (reason === 'reset') return setInput('');
        if (/[\s,;،]/.test(v)) {
          add([v]);
          setInput('');
        } else setInput(v);
      }}
      onChange={(_, v) => {
        const kept = v
          .flatMap((s) => s.split(/[\s,;،]+/))
          .map((s) => s.trim())
          .filter(Boolean);
        onChange([...new Set(kept)]);
      }}
      renderValue={(items, getItemProps) =>
        items.map((item, index) => {
          const { key, ...props } = getItemProps({ index });
          return (
            <Chip
              key={key}
              {...props}
              size="small"
              label={item}
              color={isEmail(item) ? 'default' : 'error'}
              dir="ltr"
            />
          );
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          onBlur={() => {
            if (input.trim()) add([input]);
            setInput('');
          }}
          error={!!error || invalid.length > 0}
          helperText={
            error ?? (invalid.length ? t('ticket.invalidEmails', { list: invalid.join(', ') }) : t('ticket.emailsHint'))
          }
          inputProps={{ ...params.inputProps, dir: 'ltr', 'data-testid': testId }}
        />
      )}
    />
  );
}
