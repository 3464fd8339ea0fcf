import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { ErrorState } from '../../ui/states';

/** The requester closes its own ticket (the server allows a customer only `status: 'closed'`). */
export function CloseTicketButton({ number }: { number: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const close = useMutation({
    mutationFn: () => call('updateTicket', { path: { number }, body: { status: 'closed' } }),
    onSuccess: (ticket) => {
      qc.setQueryData(['ticket', number], ticket);
      void qc.invalidateQueries({ queryKey: ['ticket', number] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      setOpen(false);
    },
  });
  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        startIcon={<CheckCircleOutline />}
        onClick={() => setOpen(true)}
        data-testid="ticket-close"
      >
        {t('portal.ticket.close')}
      </Button>
      <Dialog open={open} onClose={() => !close.isPending && setOpen(false)} aria-labelledby="close-ticket-title">
        <DialogTitle id="close-ticket-title">{t('portal.ticket.closeTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('portal.ticket.closeText')}</DialogContentText>
          {close.isError && <ErrorState error={close.error} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={close.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="contained"
            onClick={() => close.mutate()}
            disabled={close.isPending}
            data-testid="ticket-close-confirm"
          >
            {t('portal.ticket.closeConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
