import { FormControlLabel, FormHelperText, Switch } from '@mui/material';

/** A labelled on/off switch with its hint or its server error underneath. */
export function LabelledSwitch({
  label,
  checked,
  onChange,
  hint,
  error,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  error?: string;
  testId?: string;
}) {
  return (
    <div>
      <FormControlLabel
        control={
          <Switch
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            slotProps={{ input: { 'data-testid': testId } as object }}
          />
        }
        label={label}
      />
      {(error || hint) && (
        <FormHelperText error={!!error} sx={{ mt: -0.5, mx: 0 }}>
          {error ?? hint}
        </FormHelperText>
      )}
    </div>
  );
}
