import type { ReactNode } from 'react';
import { Paper, Stack, Typography } from '@mui/material';

/** One titled group of settings (a level-2 heading under the page's h1). */
export function SettingsSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`settings-${id}`} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" id={`settings-${id}`}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {hint}
        </Typography>
      )}
      <Stack spacing={2} sx={{ mt: 2 }}>
        {children}
      </Stack>
    </Paper>
  );
}
