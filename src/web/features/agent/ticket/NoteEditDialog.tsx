import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { RichEditor } from '../../../ui/RichEditor';
import { FormError, fieldErrors } from '../../../ui/form';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { DirectionSwitch } from './DirectionSwitch';
import { ticketKey } from './queries';
import type { Direction, TMessage } from './types';

/** C12: the author rewrites its own note. */
export function NoteEditDialog({
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
  const [body, setBody] = useState(message.body);
  const [direction, setDirection] = useState<Direction>(message.direction);
  const save = useMutation({
    mutationFn: () =>
      call('editTicketNote', { path: { number: ticketNumber, id: message.id }, body: { body, direction } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ticketKey(ticketNumber) });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const guard = useDiscardGuard(onClose, { dirty: body !== message.body || direction !== message.direction });
  return (
    <>
      <Dialog
        open
        onClose={save.isPending ? undefined : guard.requestClose}
        fullWidth
        maxWidth="md"
        aria-labelledby="note-edit-title"
      >
        <DialogTitle id="note-edit-title">{t('ticket.editNote')}</DialogTitle>
        <DialogContent>
          <FormError error={save.error} shown={['body']} />
          <DirectionSwitch value={direction} onChange={setDirection} />
          <RichEditor
            value={body}
            onChange={setBody}
            label={t('ticket.noteBody')}
            dir={direction}
            {...errs.field('body')}
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose}>{t('common.cancel')}</Button>
          <Button variant="contained" disabled={!body || save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
      {guard.confirm}
    </>
  );
}
