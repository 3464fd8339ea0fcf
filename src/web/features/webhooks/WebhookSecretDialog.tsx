import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../profile/CopyButton';

/**
 * A webhook's signing secret, shown this once (made or rotated): the server keeps it sealed and
 * never answers it again. A stray click beside the dialog does not close it.
 */
export function WebhookSecretDialog({
  secret,
  rotated,
  onClose,
}: {
  secret: string;
  rotated: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      onClose={(_, reason) => reason !== 'backdropClick' && onClose()}
      aria-labelledby="webhook-secret-title"
      aria-describedby="webhook-secret-warning"
      maxWidth="sm"
      fullWidth
      data-testid="webhook-secret-dialog"
    >
      <DialogTitle id="webhook-secret-title">
        {t(rotated ? 'admin.webhooks.secretRotatedTitle' : 'admin.webhooks.secretTitle')}
      </DialogTitle>
      <DialogContent>
        <Alert severity="warning" id="webhook-secret-warning" sx={{ mb: 2 }}>
          {t(rotated ? 'admin.webhooks.secretRotatedWarning' : 'admin.webhooks.secretWarning')}
        </Alert>
        <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
          <TextField
            label={t('admin.webhooks.secret')}
            value={secret}
            fullWidth
            multiline
            onFocus={(e) => e.target.select()}
            slotProps={{
              htmlInput: {
                readOnly: true,
                dir: 'ltr',
                spellCheck: false,
                'data-testid': 'webhook-secret-value',
                style: { fontFamily: 'monospace', wordBreak: 'break-all' },
              },
            }}
          />
          <CopyButton text={secret} label={t('admin.webhooks.copySecret')} testId="webhook-secret-copy" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="webhook-secret-done">
          {t('admin.webhooks.secretDone')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
