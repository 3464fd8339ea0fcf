import { Box, Button, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FormError } from './form';

/**
 * The sticky bar at the foot of a long editor page (a request type, an article): the save's
 * error (fields shown elsewhere left out), whether there are unsaved changes, and the save
 * button of the surrounding form — disabled while a saved thing has nothing new.
 */
export function SaveBar({
  error,
  shown,
  pending,
  saved,
  dirty,
  unsavedText,
  savedText,
  stateTestId,
  saveTestId,
}: {
  error: unknown;
  shown: string[];
  pending: boolean;
  /** Whether the thing exists already (a new one can always be saved). */
  saved: boolean;
  dirty: boolean;
  unsavedText: string;
  savedText: string;
  stateTestId?: string;
  saveTestId: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      elevation={3}
      sx={{
        position: 'sticky',
        bottom: 0,
        zIndex: 3,
        p: 1.5,
        display: 'flex',
        flexWrap: 'wrap',
        gap: 1,
        alignItems: 'center',
      }}
    >
      {error ? (
        <Box sx={{ flexBasis: '100%' }}>
          <FormError error={error} shown={shown} />
        </Box>
      ) : null}
      <Typography
        variant="body2"
        color="text.secondary"
        role="status"
        sx={{ marginInlineEnd: 'auto' }}
        data-testid={stateTestId}
      >
        {dirty ? unsavedText : saved ? savedText : ''}
      </Typography>
      <Button type="submit" variant="contained" loading={pending} disabled={saved && !dirty} data-testid={saveTestId}>
        {t('common.save')}
      </Button>
    </Paper>
  );
}
