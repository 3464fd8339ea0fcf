import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';

export interface WorkflowStatusLike {
  key: string;
  name: string;
  customerLabel: string;
  category: 'open' | 'pending' | 'closed';
}

const color = { open: 'primary', pending: 'warning', closed: 'default' } as const;

/** What a status is called for this reader: the requester sees its customer label (the name when there is none). */
export const statusLabel = (s: WorkflowStatusLike, forRequester: boolean) =>
  forRequester ? s.customerLabel || s.name : s.name;

/**
 * A desk request's workflow status (E2) as a chip, coloured by its category (open, pending,
 * closed). Staff also see what the requester is shown, when that differs.
 */
export function WorkflowStatusChip({
  status,
  forRequester,
  size = 'small',
}: {
  status: WorkflowStatusLike;
  forRequester: boolean;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  const label = statusLabel(status, forRequester);
  const shownToRequester = !forRequester && status.customerLabel && status.customerLabel !== status.name;
  return (
    <Chip
      size={size}
      color={color[status.category]}
      variant={status.category === 'closed' ? 'outlined' : 'filled'}
      label={<bdi dir="auto">{label}</bdi>}
      title={shownToRequester ? t('catalogue.workflow.requesterSees', { label: status.customerLabel }) : undefined}
      data-testid="workflow-status"
      data-status={status.key}
      data-category={status.category}
    />
  );
}
