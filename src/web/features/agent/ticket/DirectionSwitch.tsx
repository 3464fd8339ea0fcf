import { useId } from 'react';
import { Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import FormatTextdirectionRToL from '@mui/icons-material/FormatTextdirectionRToL';
import FormatTextdirectionLToR from '@mui/icons-material/FormatTextdirectionLToR';
import { useTranslation } from 'react-i18next';
import type { Direction } from './types';

/** C16: the writing direction of one message. */
export function DirectionSwitch({ value, onChange }: { value: Direction; onChange: (d: Direction) => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
      <Typography variant="body2" id={labelId} color="text.secondary">
        {t('ticket.direction.label')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={value}
        onChange={(_, v: Direction | null) => v && onChange(v)}
        aria-labelledby={labelId}
        data-testid="reply-direction"
      >
        <ToggleButton value="auto" title={t('ticket.direction.auto')}>
          {t('ticket.direction.autoShort')}
        </ToggleButton>
        <ToggleButton value="rtl" aria-label={t('ticket.direction.rtl')} title={t('ticket.direction.rtl')}>
          <FormatTextdirectionRToL fontSize="small" />
        </ToggleButton>
        <ToggleButton value="ltr" aria-label={t('ticket.direction.ltr')} title={t('ticket.direction.ltr')}>
          <FormatTextdirectionLToR fontSize="small" />
        </ToggleButton>
      </ToggleButtonGroup>
    </Stack>
  );
}
