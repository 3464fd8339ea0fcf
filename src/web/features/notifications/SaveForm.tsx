import type { ReactNode } from 'react';
import { Alert, Box, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/form';

/**
 * A profile notification form (the filter, the events × channels): its fields, then the server's
 * error, the "saved" note and the save button, with any further buttons (`actions`) beside it.
 * Submitting dismisses the last note, then saves. Test ids: `${testId}-save`, `${testId}-saved`.
 */
export function SaveForm({
  onSave,
  error,
  shown,
  saved,
  savedText,
  onDismiss,
  dirty,
  saving,
  actions,
  testId,
  children,
}: {
  onSave: () => void;
  error: unknown;
  /** Fields whose errors the form shows by the field itself (FormError). */
  shown?: string[];
  /** Whether the "saved" note shows. */
  saved: boolean;
  savedText: string;
  onDismiss: () => void;
  dirty: boolean;
  saving: boolean;
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onDismiss();
        onSave();
      }}
    >
      {children}
      <Box sx={{ mt: 2 }}>
        <FormError error={error} shown={shown} />
        {saved && (
          <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={onDismiss} data-testid={`${testId}-saved`}>
            {savedText}
          </Alert>
        )}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={!dirty} loading={saving} data-testid={`${testId}-save`}>
            {t('common.save')}
          </Button>
          {actions}
        </Stack>
      </Box>
    </Box>
  );
}
