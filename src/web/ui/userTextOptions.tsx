import type { HTMLAttributes, Key } from 'react';
import { Chip } from '@mui/material';
import { UserText } from './UserText';

/**
 * Autocomplete parts for options that are user text (people, tags…): each option and each chosen
 * chip shows its label in its own direction (see UserText). Use with `getOptionLabel` giving the
 * same label, so typing and filtering work on the same text.
 */
export function userTextOption<T>(label: (option: T) => string) {
  return function renderOption(props: HTMLAttributes<HTMLLIElement> & { key: Key }, option: T) {
    const { key, ...rest } = props;
    return (
      <li key={key} {...rest}>
        <UserText>{label(option)}</UserText>
      </li>
    );
  };
}

type ItemProps = { key: Key; onDelete: (event: unknown) => void } & Record<string, unknown>;

/** `renderValue` of a multiple Autocomplete: the chosen values as small chips of user text. */
export function userTextChips<T>(label: (value: T) => string) {
  return function renderValue(values: readonly T[], getItemProps: (args: { index: number }) => ItemProps) {
    return values.map((v, index) => {
      const { key, ...rest } = getItemProps({ index });
      return <Chip key={key} {...rest} size="small" label={<UserText>{label(v)}</UserText>} />;
    });
  };
}
