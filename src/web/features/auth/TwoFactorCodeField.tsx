import { TextField } from '@mui/material';

/**
 * The box for a second-factor code: the authenticator's six digits (the phone's keyboard offers
 * digits, and the browser may fill in a code it received), or with `recovery` a recovery code.
 * Persian and Arabic digits are fine: the server reads them as the same digits.
 */
export function TwoFactorCodeField({
  label,
  value,
  onChange,
  recovery = false,
  error,
  helperText,
  autoFocus,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  recovery?: boolean;
  error?: boolean;
  helperText?: string;
  autoFocus?: boolean;
  testId?: string;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
      autoFocus={autoFocus}
      autoComplete={recovery ? 'off' : 'one-time-code'}
      error={error}
      helperText={helperText}
      slotProps={{
        htmlInput: {
          dir: 'ltr',
          inputMode: recovery ? 'text' : 'numeric',
          maxLength: recovery ? 20 : 6,
          spellCheck: false,
          autoCapitalize: 'none',
          'data-testid': testId,
          style: { letterSpacing: recovery ? undefined : '0.3em' },
        },
      }}
    />
  );
}
