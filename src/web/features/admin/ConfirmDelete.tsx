import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/states';
import { isolate } from '../../ui/UserText';

interface Props {
  /** The name of what is about to be deleted; null when closed. */
  name: string | null;
  /** Extra words about what deletion does (e.g. "their tickets stay"). */
  hint?: string;
  onClose: () => void;
  onConfirm: () => Promise<unknown>;
  onDone?: () => void;
}

/** Asks before deleting; a refusal by the server (still in use, last admin...) is shown here. */
export function ConfirmDelete({ name, hint, onClose, onConfirm, onDone }: Props) {
  const { t } = useTranslation();
  const m = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => {
      onDone?.();
      close();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <Dialog
      open={name !== null}
      onClose={m.isPending ? undefined : close}
      aria-labelledby="confirm-delete-title"
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id="confirm-delete-title">{t('admin.common.confirmDeleteTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('admin.common.confirmDelete', { name: isolate(name ?? '') })}</DialogContentText>
        {hint && <DialogContentText sx={{ mt: 1 }}>{hint}</DialogContentText>}
        {m.isError && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {errorMessage(m.error, t('errors.generic'))}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={m.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          loading={m.isPending}
          onClick={() => m.mutate()}
          data-testid="admin-confirm-delete"
        >
          {t('common.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
