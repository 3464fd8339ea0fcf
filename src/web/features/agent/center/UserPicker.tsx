import { useEffect, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../../app/api';
import { autoDirInput } from '../../../ui/UserText';
import { userTextOption } from '../../../ui/userTextOptions';

type User = ItemOf<'listUsers'>;

interface Props {
  role: 'customer' | 'agent';
  label: string;
  value: User | null;
  onChange: (u: User | null) => void;
  error?: boolean;
  helperText?: string;
  required?: boolean;
  testId?: string;
}

const describe = (u: User) => [u.name || u.username, u.email ?? u.mobile ?? u.username].filter(Boolean).join(' · ');

/** Finds a person by name, username, e-mail or mobile as one types (`listUsers` with `q`). */
export function UserPicker({ role, label, value, onChange, error, helperText, required, testId }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);
  const search = useQuery({
    queryKey: ['users', 'search', role, q],
    queryFn: ({ signal }) =>
      call('listUsers', { query: { role, q: q || undefined, pageSize: 10, active: true }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return (
    <Autocomplete
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      options={search.data?.items ?? []}
      filterOptions={(x) => x}
      getOptionLabel={describe}
      renderOption={userTextOption(describe)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={search.isFetching}
      noOptionsText={t('agentNew.noPeople')}
      loadingText={t('common.loading')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required}
          error={error}
          helperText={helperText}
          slotProps={{ htmlInput: { ...params.inputProps, ...autoDirInput, 'data-testid': testId } }}
        />
      )}
    />
  );
}
