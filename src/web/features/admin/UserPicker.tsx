import { useEffect, useState, type HTMLAttributes, type Key } from 'react';
import { Autocomplete, TextField, type AutocompleteRenderInputParams } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { autoDirInput, UserText } from '../../ui/UserText';
import { AwayChip } from '../../ui/AwayChip';
import { userTextChips, userTextOption } from '../../ui/userTextOptions';
import type { User } from './types';

/** Which people to offer: one role, or staff (agents and admins). */
export type PickRole = 'agent' | 'customer' | 'admin' | 'staff';

async function searchUsers(role: PickRole, q: string): Promise<User[]> {
  const roles = role === 'staff' ? (['agent', 'admin'] as const) : [role];
  const pages = await Promise.all(
    roles.map((r) => call('listUsers', { query: { role: r, q, pageSize: 20, active: true } })),
  );
  return pages.flatMap((p) => p.items);
}

export const userLabel = (u: User) => (u.name ? `${u.name} (${u.username})` : u.username);

interface Common {
  label: string;
  role: PickRole;
  error?: boolean;
  helperText?: string;
  disabled?: boolean;
}

type Props = Common &
  (
    | { multiple: true; value: User[]; onChange: (v: User[]) => void }
    | { multiple?: false; value: User | null; onChange: (v: User | null) => void }
  );

/** Picks people by typing part of a name, username, e-mail or mobile (searched on the server). */
export function UserPicker(props: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(input.trim()), 250);
    return () => clearTimeout(id);
  }, [input]);
  const search = useQuery({
    queryKey: ['admin', 'user-search', props.role, q],
    queryFn: () => searchUsers(props.role, q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const common = {
    options: search.data ?? [],
    loading: search.isFetching,
    filterOptions: (x: User[]) => x,
    getOptionLabel: userLabel,
    // Issue 20: staff who are away are marked (automatic assignment skips them).
    renderOption: (props: HTMLAttributes<HTMLLIElement> & { key: Key }, o: User) => {
      if (!o.away) return userTextOption(userLabel)(props, o);
      const { key, ...rest } = props;
      return (
        <li key={key} {...rest}>
          <UserText>{userLabel(o)}</UserText>
          <AwayChip until={o.awayUntil} />
        </li>
      );
    },
    isOptionEqualToValue: (a: User, b: User) => a.id === b.id,
    onInputChange: (_: unknown, v: string, reason: string) => reason !== 'reset' && setInput(v),
    noOptionsText: t('admin.common.noMatches'),
    loadingText: t('common.loading'),
    disabled: props.disabled,
    renderInput: (params: AutocompleteRenderInputParams) => (
      <TextField
        {...params}
        label={props.label}
        error={props.error}
        helperText={props.helperText}
        slotProps={{ htmlInput: { ...params.inputProps, ...autoDirInput } }}
      />
    ),
  };
  if (props.multiple)
    return (
      <Autocomplete
        multiple
        filterSelectedOptions
        {...common}
        renderValue={userTextChips(userLabel)}
        value={props.value}
        onChange={(_, v) => props.onChange(v)}
      />
    );
  return <Autocomplete {...common} value={props.value} onChange={(_, v) => props.onChange(v)} />;
}
