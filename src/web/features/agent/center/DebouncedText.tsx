import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { InputAdornment, TextField } from '@mui/material';

interface Props {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  type?: string;
  testId?: string;
  icon?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  dir?: 'ltr' | 'rtl' | 'auto';
  fullWidth?: boolean;
}

/** A text filter that writes to the address after a pause in typing (or at once on Enter). */
export function DebouncedText({
  label,
  value,
  onCommit,
  placeholder,
  type = 'search',
  testId,
  icon,
  inputRef,
  dir,
  fullWidth = true,
}: Props) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  // The address may change under us (back button, quick views): follow it.
  useEffect(() => {
    committed.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (text === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text;
      onCommit(text);
    }, 450);
    return () => clearTimeout(timer);
  }, [text, onCommit]);
  return (
    <TextField
      label={label}
      size="small"
      type={type}
      fullWidth={fullWidth}
      value={text}
      placeholder={placeholder}
      inputRef={inputRef}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text !== committed.current) {
          committed.current = text;
          onCommit(text);
        }
      }}
      slotProps={{
        htmlInput: { 'data-testid': testId, dir },
        input: icon ? { startAdornment: <InputAdornment position="start">{icon}</InputAdornment> } : undefined,
      }}
    />
  );
}
