import type { FormEvent, ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/form';

/** A small form dialog of the console (suspend, resume, grant credit, a plan), full-screen on phones. */
export function OperatorDialog({
  open,
  title,
  submitLabel,
  onClose,
  onSubmit,
  saving,
  error,
  shown = [],
  danger,
  wide,
  disabled,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: unknown;
  /** Fields the form shows (their errors are not repeated on top). */
  shown?: string[];
  danger?: boolean;
  wide?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!saving && !disabled) onSubmit();
  };
  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      fullScreen={phone}
      fullWidth
      maxWidth={wide ? 'md' : 'sm'}
      aria-labelledby="operator-dialog-title"
    >
      <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
        <DialogTitle id="operator-dialog-title">{title}</DialogTitle>
        <DialogContent dividers>
          <FormError error={error} shown={shown} />
          <Stack spacing={2}>{children}</Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={danger ? 'error' : 'primary'}
            loading={saving}
            disabled={disabled}
            data-testid="operator-dialog-submit"
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
