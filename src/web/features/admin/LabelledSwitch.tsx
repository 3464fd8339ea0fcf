import { useId } from 'react';
import { FormControlLabel, FormHelperText, Switch } from '@mui/material';

/**
 * A labelled on/off switch with its hint or its server error underneath (read out with the
 * switch). `disabled` for a switch that depends on another (nested groups on Active Directory).
 */
export function LabelledSwitch({
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
  testId?: string;
  disabled?: boolean;
}) {
  const hintId = useId();
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
