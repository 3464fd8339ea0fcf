import { useLayoutEffect, useRef } from 'react';
import { TextField } from '@mui/material';
import { latinDigits, useFormat } from '../../../ui/format';
import { normaliseClock } from './model';

/**
 * A clock time ("HH:MM") typed with any digits: kept with Latin digits, shown with the reader's
 * (Persian digits in Persian when wanted), tidied ("8" → "08:00") when the field is left.
 */
export function TimeInput({
  value,
  onChange,
  label,
  hiddenLabel,
  error,
  describedBy,
  testId,
  width = 92,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** The label is read by screen readers only (the row around the field says what it is). */
  hiddenLabel?: boolean;
  error?: boolean;
  describedBy?: string;
  testId?: string;
  width?: number;
}) {
  const f = useFormat();
  const input = useRef<HTMLInputElement | null>(null);
  // Where the caret was when a key was typed: shown with other digits, the text is replaced, and
  // the caret would jump to its end.
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caret.current !== null && input.current && document.activeElement === input.current) {
      input.current.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });
  return (
    <TextField
      size="small"
      value={f.digits(value)}
      onChange={(e) => {
        caret.current = e.target.selectionStart;
        onChange(latinDigits(e.target.value));
      }}
      onBlur={() => {
        const tidy = normaliseClock(value);
        if (tidy !== value) onChange(tidy);
      }}
      error={error}
      label={hiddenLabel ? undefined : label}
      placeholder={f.digits('08:00')}
      inputRef={input}
      sx={{ width }}
      slotProps={{
        htmlInput: {
          dir: 'ltr',
          inputMode: 'numeric',
          autoComplete: 'off',
          spellCheck: false,
          maxLength: 5,
          'aria-label': hiddenLabel ? label : undefined,
          'aria-describedby': describedBy,
          'data-testid': testId,
          style: { textAlign: 'center' },
        },
      }}
    />
  );
}
