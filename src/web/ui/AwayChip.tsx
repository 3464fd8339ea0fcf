import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/**
 * Issue 20: "away" next to a staff member's name (lists, assignee pickers): automatic assignment
 * skips them, and what is assigned to them goes to their substitute when that one is present.
 */
export function AwayChip({
  until,
  onClick,
  onDark,
}: {
  until?: string | null;
  onClick?: () => void;
  /** On the coloured top bar: a light chip, readable there. */
  onDark?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = until
    ? t('away.chipUntil', { date: f.date(until, { month: 'short', day: 'numeric' }) })
    : t('away.chip');
  return (
    <Chip
      size="small"
      color="warning"
      variant={onDark ? 'filled' : 'outlined'}
      label={label}
      onClick={onClick}
      data-testid="away-chip"
      sx={{
        mx: 0.5,
        height: onDark ? 24 : 20,
        '& .MuiChip-label': { px: 0.75, fontSize: '0.75rem' },
        ...(onDark && {
          bgcolor: 'background.paper',
          color: 'warning.dark',
          fontWeight: 500,
          '&:hover': { bgcolor: 'grey.100' },
        }),
      }}
    />
  );
}
