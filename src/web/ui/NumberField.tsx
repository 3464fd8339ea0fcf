import { useLayoutEffect, useRef } from 'react';
import { TextField, type TextFieldProps } from '@mui/material';
import { useFormat } from './format';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as Latin ones; the Persian decimal mark (٫) and a comma as a dot. */
export function latinNumber(s: string): string {
  return s
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[٫,]/g, '.');
}

/** What a number box keeps of typed or pasted text, in Latin digits: digits, and one decimal dot when allowed. */
export function cleanNumber(s: string, decimal = false): string {
  const latin = latinNumber(s);
  if (!decimal) return latin.replace(/[^0-9]/g, '');
  const kept = latin.replace(/[^0-9.]/g, '');
  const dot = kept.indexOf('.');
  return dot < 0 ? kept : kept.slice(0, dot + 1) + kept.slice(dot + 1).replace(/\./g, '');
}

/** The Latin-digit text as the person reads numbers: Persian digits (and ٫) when they want them. */
export function shownNumber(latin: string, persian: boolean): string {
  return persian ? latin.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]).replace(/\./g, '٫') : latin;
}

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  /** The number as text in Latin digits ('' when empty); the form keeps it as typed until it is sent. */
  value: string;
  onChange: (latin: string) => void;
  /** Allows one decimal mark. */
  decimal?: boolean;
};

/**
 * A number box that follows the Persian-digits setting: it shows Persian digits when the person
 * reads Persian with Persian digits, and takes Persian, Arabic-Indic and Latin digits alike
 * (typed or pasted); the value it gives back is always in Latin digits. Left-to-right, with a
 * numeric keyboard on phones. The caret stays where it was while the digits are converted.
 */
export function NumberField({ value, onChange, decimal = false, slotProps, inputRef, ...rest }: Props) {
  const f = useFormat();
  const persian = f.digits('0') !== '0';
  const own = useRef<HTMLInputElement | null>(null);
  const caret = useRef<number | null>(null);
  const shown = shownNumber(value, persian);

  useLayoutEffect(() => {
    const el = own.current;
    if (el && caret.current !== null && el === document.activeElement) {
      const at = Math.min(caret.current, shown.length);
      el.setSelectionRange(at, at);
    }
    caret.current = null;
  }, [shown]);

  const given = (slotProps?.htmlInput ?? {}) as Record<string, unknown>;
  return (
    <TextField
      {...rest}
      value={shown}
      inputRef={(el: HTMLInputElement | null) => {
        own.current = el;
        if (typeof inputRef === 'function') inputRef(el);
        else if (inputRef) (inputRef as { current: HTMLInputElement | null }).current = el;
      }}
      onChange={(e) => {
        const typed = e.target.value;
        const next = cleanNumber(typed, decimal);
        // Characters left out before the caret move it back by as many.
        const before = typed.slice(0, e.target.selectionStart ?? typed.length);
        caret.current = cleanNumber(before, decimal).length;
        onChange(next);
      }}
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: decimal ? 'decimal' : 'numeric', dir: 'ltr', autoComplete: 'off', ...given },
      }}
    />
  );
}
