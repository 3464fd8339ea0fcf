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
import { useDiscardGuard } from '../../ui/useDiscardGuard';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  /** The failed save, if any: its field errors show next to the fields, the rest on top. */
  error: unknown;
  /** The fields the form shows (their errors are not repeated on top). */
  shown: string[];
  children: ReactNode;
  wide?: boolean;
  /** Whether the fields hold changes; left out, the dialog compares its fields with how they were. */
  dirty?: boolean;
  /** The submit button's words (default "Save"), red for an action that takes something away. */
  submitLabel?: string;
  danger?: boolean;
  /** The submit button off (the form is not complete yet). */
  disabled?: boolean;
}

/** The create/edit form of an admin screen, full-screen on phones. */
export function EntityDialog({
  open,
  title,
  onClose,
  onSubmit,
  saving,
  error,
  shown,
  children,
  wide,
  dirty,
  submitLabel,
  danger,
  disabled,
}: Props) {
  const { t } = useTranslation();
  // Esc, a click outside and Cancel ask before throwing changes away.
  const guard = useDiscardGuard(onClose, { dirty });
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!saving && !disabled) onSubmit();
  };
  return (
    <>
      <Dialog
        open={open}
        onClose={saving ? undefined : guard.requestClose}
        fullScreen={phone}
        fullWidth
        maxWidth={wide ? 'md' : 'sm'}
        aria-labelledby="entity-dialog-title"
      >
        <form onSubmit={submit} noValidate style={{ display: 'contents' }} {...guard.watch}>
          <DialogTitle id="entity-dialog-title">{title}</DialogTitle>
          <DialogContent dividers>
            <FormError error={error} shown={shown} />
            <Stack spacing={2}>{children}</Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={guard.requestClose} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              color={danger ? 'error' : 'primary'}
              loading={saving}
              disabled={disabled}
              data-testid="admin-dialog-save"
            >
              {submitLabel ?? t('common.save')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      {guard.confirm}
    </>
  );
}
