import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../app/api';
import { useFormat } from '../../../ui/format';

export type BulkResult = ResponseOf<'bulkUpdateTickets'>;

export function ConfirmDialog({
  open,
  text,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  text: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="bulk-confirm-title">
      <DialogTitle id="bulk-confirm-title">{t('center.bulk.confirmTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button color="error" variant="contained" onClick={onConfirm} data-testid="bulk-confirm">
          {t('common.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** What a bulk run could not do, ticket by ticket, with the server's reason. */
export function BulkResultDialog({ result, onClose }: { result: BulkResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Dialog
      open={!!result}
      onClose={onClose}
      aria-labelledby="bulk-result-title"
      data-testid="bulk-result"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="bulk-result-title">{t('center.bulk.resultTitle')}</DialogTitle>
      {result && (
        <DialogContent>
          <Alert severity={result.done.length ? 'warning' : 'error'} sx={{ mb: 1 }}>
            {t('center.bulk.partial', { done: f.number(result.done.length), failed: f.number(result.failed.length) })}
          </Alert>
          <List dense>
            {result.failed.map((x) => (
              <ListItem key={x.number} disableGutters>
                <ListItemText primary={f.digits(`#${x.number}`)} secondary={x.error.message} />
              </ListItem>
            ))}
          </List>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
