import type { ReactNode } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';

/** The frame of an admin screen: the heading, a short explanation, the "new" button, then the content. */
export function AdminPage({
  title,
  intro,
  createLabel,
  onCreate,
  children,
}: {
  title: string;
  intro?: string;
  createLabel?: string;
  onCreate?: () => void;
  children: ReactNode;
}) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 1200, minWidth: 0 }}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
      >
        <Box>
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          {intro && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {intro}
            </Typography>
          )}
        </Box>
        {onCreate && createLabel && (
          <Button
            variant="contained"
            startIcon={<Add />}
            onClick={onCreate}
            data-testid="admin-create"
            sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
          >
            {createLabel}
          </Button>
        )}
      </Stack>
      {children}
    </Stack>
  );
}
