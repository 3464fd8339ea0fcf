import type { ReactNode } from 'react';
import { Box, Button } from '@mui/material';

/**
 * A settings form's submit button, on a line of its own (the Box keeps the form's Stack from
 * stretching it), busy while the form saves.
 */
export function SubmitButton({
  children,
  loading,
  disabled,
  testId,
}: {
  children: ReactNode;
  loading: boolean;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Box>
      <Button type="submit" variant="contained" disabled={disabled} loading={loading} data-testid={testId}>
        {children}
      </Button>
    </Box>
  );
}
