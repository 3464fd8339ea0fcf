import { Chip, Tooltip, type ChipProps } from '@mui/material';
import Flag from '@mui/icons-material/Flag';
import { useTranslation } from 'react-i18next';
import type { TStatus } from '../../contracts/tickets';

export type Priority = 'urgent' | 'high' | 'medium' | 'low';
export const STATUSES: TStatus[] = ['active', 'pending', 'closed', 'locked'];
export const PRIORITIES: Priority[] = ['urgent', 'high', 'medium', 'low'];

const statusColor = { active: 'primary', pending: 'warning', closed: 'default', locked: 'secondary' } as const;
const priorityColor: Record<Priority, string> = {
  urgent: '#c62828',
  high: '#ef6c00',
  medium: '#1565c0',
  low: '#757575',
};

/**
 * A ticket's status; hovering (or a long press, or focusing it) tells what the status means —
 * «قفل» (locked) above all is not obvious.
 */
export function StatusChip({ status }: { status: TStatus }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`bits.statusHint.${status}`)} describeChild enterTouchDelay={300}>
      <Chip
        size="small"
        color={statusColor[status]}
        label={t(`status.${status}`)}
        variant={status === 'closed' ? 'outlined' : 'filled'}
        // Focusable only where it needs explaining, so lists do not gain a tab stop per row.
        tabIndex={status === 'locked' ? 0 : undefined}
        data-testid="status-chip"
      />
    </Tooltip>
  );
}

/**
 * A requester's level: «عضو» (a member, who has an account) or «مهمان» (a guest, known only by
 * an e-mail address), with what that means on hover, long press or focus.
 */
export function LevelChip({
  level,
  ...rest
}: { level: 'member' | 'guest' | 'agent' | 'system' } & Omit<ChipProps, 'label' | 'size'>) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`bits.levelHint.${level}`)} describeChild enterTouchDelay={300}>
      <Chip size="small" label={t(`bits.level.${level}`)} tabIndex={0} {...rest} />
    </Tooltip>
  );
}

/** D1: a coloured flag per priority, with its name for screen readers and on hover. */
export function PriorityFlag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  const label = t(`priority.${priority}`);
  return (
    <Tooltip title={label}>
      <Flag
        role="img"
        aria-label={label}
        sx={{ color: priorityColor[priority], fontSize: 20, verticalAlign: 'middle' }}
      />
    </Tooltip>
  );
}
