import type { ReactElement, ReactNode } from 'react';
import { Stack, Tooltip, Typography } from '@mui/material';

/** A small count with its icon (views, helpful, not helpful); the label says what it counts. */
export function Stat({ icon, label, children }: { icon: ReactElement; label: string; children: ReactNode }) {
  return (
    <Tooltip title={label}>
      <Stack
        direction="row"
        spacing={0.5}
        sx={{ alignItems: 'center', '& svg': { fontSize: 16 } }}
        role="img"
        aria-label={label}
        tabIndex={0}
      >
        {icon}
        <Typography variant="body2" component="span" aria-hidden>
          {children}
        </Typography>
      </Stack>
    </Tooltip>
  );
}
