import { FormControlLabel, FormHelperText, Switch } from '@mui/material';

/**
 * A labelled on/off switch with its hint or its server error underneath (admin/LabelledSwitch,
 * which cannot be disabled: here a switch can depend on another, as nested groups on Active Directory).
 */
export function Toggle({
  label,
  checked,
  onChange,
  hint,
  error,
  testId,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  error?: string;
  testId: string;
  disabled?: boolean;
}) {
  const hintId = `${testId}-hint`;
  return (
    <div>
      <FormControlLabel
        disabled={disabled}
        control={
          <Switch
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            slotProps={{
              input: { 'data-testid': testId, 'aria-describedby': error || hint ? hintId : undefined } as object,
            }}
          />
        }
        label={label}
      />
      {(error || hint) && (
        <FormHelperText id={hintId} error={!!error} sx={{ mt: -0.5, mx: 0 }}>
          {error ?? hint}
        </FormHelperText>
      )}
    </div>
  );
}
