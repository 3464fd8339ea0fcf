import type { MouseEvent, ReactNode } from 'react';
import { IconButton, Tooltip } from '@mui/material';

/** One button of the editor's toolbar: keeps the editor's selection (no focus on press), shows its state. */
export function ToolButton({
  name,
  label,
  icon,
  onClick,
  active,
  disabled,
  popup,
}: {
  name: string;
  label: string;
  icon: ReactNode;
  onClick: (e: MouseEvent<HTMLElement>) => void;
  active?: boolean;
  disabled?: boolean;
  /** Opens a menu or a dialog. */
  popup?: 'menu' | 'dialog';
}) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton
          size="small"
          aria-label={label}
          aria-pressed={active === undefined ? undefined : active}
          color={active ? 'primary' : 'default'}
          disabled={disabled}
          aria-haspopup={popup}
          onClick={onClick}
          onMouseDown={(e) => e.preventDefault()}
          data-testid={`kb-tool-${name}`}
        >
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}
