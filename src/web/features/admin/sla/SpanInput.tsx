import { Box, FormHelperText, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../../ui/NumberField';
import type { Span } from './model';

/**
 * A length of working time typed as hours and minutes (the API takes working minutes): a label,
 * the two boxes, and the server's message (or a hint) under them. Both boxes blank = not set.
 */
export function SpanInput({
  id,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: Span;
  onChange: (v: Span) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const helpId = `${id}-help`;
  const help = error ?? hint;
  return (
    <Box
      role="group"
      aria-labelledby={`${id}-label`}
      data-testid={id}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr 1fr', sm: '160px 110px 110px' },
        gridTemplateAreas: { xs: '"label label" "h m" "help help"', sm: '"label h m" ". help help"' },
        alignItems: 'center',
        columnGap: 1.5,
        rowGap: 0.5,
      }}
    >
      <Typography id={`${id}-label`} variant="body2" sx={{ gridArea: 'label', fontWeight: 500 }}>
        {label}
      </Typography>
      <NumberField
        size="small"
        label={t('admin.sla.hours')}
        value={value.h}
        onChange={(h) => onChange({ ...value, h })}
        error={!!error}
        sx={{ gridArea: 'h' }}
        slotProps={{
          htmlInput: {
            maxLength: 5,
            'aria-describedby': help ? helpId : undefined,
            'data-testid': `${id}-hours`,
          },
        }}
      />
      <NumberField
        size="small"
        label={t('admin.sla.minutes')}
        value={value.m}
        onChange={(m) => onChange({ ...value, m })}
        error={!!error}
        sx={{ gridArea: 'm' }}
        slotProps={{
          htmlInput: {
            maxLength: 4,
            'aria-describedby': help ? helpId : undefined,
            'data-testid': `${id}-minutes`,
          },
        }}
      />
      {help && (
        <FormHelperText id={helpId} error={!!error} sx={{ gridArea: 'help', m: 0 }} data-testid={`${id}-help`}>
          {help}
        </FormHelperText>
      )}
    </Box>
  );
}
