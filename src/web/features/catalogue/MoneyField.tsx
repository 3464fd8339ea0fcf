import { useLayoutEffect, useRef } from 'react';
import { TextField, type TextFieldProps } from '@mui/material';
import { useFormat } from '../../ui/format';
import { caretAfterDigits, cleanAmount, shownAmount } from './field-values';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  /** The amount in Latin digits without separators ('' when empty). */
  value: string;
  onChange: (latin: string) => void;
};

/**
 * An amount of money: shown grouped by thousands (۱٬۲۵۰٬۰۰۰ in Persian with Persian digits,
 * 1,250,000 otherwise) while it is typed; takes Persian, Arabic and Latin digits and pasted
 * separators alike, and gives back Latin digits. The caret stays after the same digit.
 */
export function MoneyField({ value, onChange, slotProps, ...rest }: Props) {
  const f = useFormat();
  const persian = f.digits('0') !== '0';
  const input = useRef<HTMLInputElement | null>(null);
  const caret = useRef<number | null>(null);
  const shown = shownAmount(value, persian);

  useLayoutEffect(() => {
    const el = input.current;
    if (el && caret.current !== null && el === document.activeElement) {
      const at = caretAfterDigits(shown, caret.current);
      el.setSelectionRange(at, at);
    }
    caret.current = null;
  }, [shown]);

  const given = (slotProps?.htmlInput ?? {}) as Record<string, unknown>;
  return (
    <TextField
      {...rest}
      value={shown}
      inputRef={input}
      onChange={(e) => {
        const typed = e.target.value;
        caret.current = cleanAmount(typed.slice(0, e.target.selectionStart ?? typed.length)).length;
        onChange(cleanAmount(typed));
      }}
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: 'numeric', dir: 'ltr', autoComplete: 'off', ...given },
      }}
    />
  );
}
