import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { FormError } from '../../../ui/form';
import { ticketKey } from './queries';
import type { TMessage } from './types';

export function NoteDeleteDialog({
  ticketNumber,
  message,
  onClose,
}: {
  ticketNumber: number;
  message: TMessage;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => call('deleteTicketNote', { path: { number: ticketNumber, id: message.id } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ticketKey(ticketNumber) });
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="note-delete-title">
      <DialogTitle id="note-delete-title">{t('ticket.deleteNote')}</DialogTitle>
      <DialogContent>
        <FormError error={remove.error} />
        <DialogContentText>{t('ticket.deleteNoteConfirm')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
          data-testid="note-delete-confirm"
        >
          {t('common.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
