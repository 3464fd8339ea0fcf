import { Chip, Tooltip } from '@mui/material';
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

export function StatusChip({ status }: { status: TStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={statusColor[status]}
      label={t(`status.${status}`)}
      variant={status === 'closed' ? 'outlined' : 'filled'}
    />
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
