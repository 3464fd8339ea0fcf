import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';

export type TextDirection = 'auto' | 'rtl' | 'ltr';

/** C16: the writer picks the direction of its text (automatic by default). */
export function DirectionToggle({ value, onChange }: { value: TextDirection; onChange: (d: TextDirection) => void }) {
  const { t } = useTranslation();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_, v: TextDirection | null) => v && onChange(v)}
      aria-label={t('thread.direction.label')}
    >
      {(['auto', 'rtl', 'ltr'] as const).map((d) => (
        <ToggleButton key={d} value={d} sx={{ py: 0.25, px: 1 }}>
          {t(`thread.direction.${d}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
