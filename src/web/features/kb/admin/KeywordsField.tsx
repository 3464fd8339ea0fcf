import { useState } from 'react';
import { Autocomplete, Chip, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { splitKeywords } from './model';

/** An article's keywords as chips: Enter, a comma (, or ،) or leaving the field makes one. */
export function KeywordsField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const commit = (text: string) => {
    const parts = splitKeywords(text);
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
      onInputChange={(_, v, reason) => (reason === 'input' && /[,،]$/.test(v) ? commit(v) : setInput(v))}
      onChange={(_, v) => onChange(splitKeywords((v as string[]).join(',')))}
      renderValue={(vals, getItemProps) =>
        vals.map((v, i) => (
          <Chip {...getItemProps({ index: i })} key={v} size="small" label={<bdi dir="auto">{v}</bdi>} />
        ))
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('kbAdmin.editor.keywords')}
          error={!!error}
          helperText={error ?? t('kbAdmin.editor.keywordsHint')}
          onBlur={() => commit(input)}
          slotProps={{ htmlInput: { ...params.inputProps, dir: 'auto', 'data-testid': 'kb-article-keywords' } }}
        />
      )}
    />
  );
}
