import { useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import PersonAddAlt from '@mui/icons-material/PersonAddAlt';
import EditNote from '@mui/icons-material/EditNote';
import SwapHoriz from '@mui/icons-material/SwapHoriz';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import RestoreFromTrash from '@mui/icons-material/RestoreFromTrash';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { errorMessage } from '../../../ui/states';
import { SlaFact } from '../../sla/SlaChip';
import { EditFieldsDialog } from './EditFieldsDialog';
import { TransferDialog } from './TransferDialog';
import { MergeActions } from './MergeActions';
import { ticketKey } from './queries';
import type { TTicket } from './types';

type Open = 'edit' | 'transfer' | 'delete' | null;

/** C10, C11, C13: what an agent can do to the ticket itself, each shown only with its permission. */
export function TicketActions({ ticket }: { ticket: TTicket }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const [open, setOpen] = useState<Open>(null);
  const mine = !!me && ticket.assignees.some((a) => a.id === me.user.id);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
    await qc.invalidateQueries({ queryKey: ['tickets'] });
  };
  const assign = useMutation({
    mutationFn: () => call('assignTicketToMe', { path: { number: ticket.number } }),
    onSuccess: async (updated) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await refresh();
    },
  });
  const lifecycle = useMutation({
    mutationFn: () =>
      ticket.deleted
        ? call('restoreTicket', { path: { number: ticket.number } })
        : call('deleteTicket', { path: { number: ticket.number } }),
    onSuccess: async () => {
      setOpen(null);
      await refresh();
    },
  });
  const canEdit = can(me, 'tickets.edit') || can(me, 'tickets.assign');
  const failure = assign.error ?? (open === null ? lifecycle.error : null);

  return (
    <Paper variant="outlined" component="section" aria-labelledby="actions-title" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2" id="actions-title" sx={{ mb: 1.5, fontWeight: 600 }}>
        {t('ticket.actions')}
      </Typography>
      {failure && (
        <Alert severity="error" sx={{ mb: 1.5 }} onClose={() => (assign.reset(), lifecycle.reset())}>
          {errorMessage(failure, t('errors.generic'))}
        </Alert>
      )}
      <SlaFact sla={ticket.sla} />
      <Stack spacing={1}>
        {!ticket.deleted && (
          <Button
            variant="contained"
            startIcon={<PersonAddAlt />}
            disabled={mine || assign.isPending}
            onClick={() => assign.mutate()}
            data-testid="assign-to-me"
          >
            {mine ? t('ticket.assignedToYou') : t('ticket.assignToMe')}
          </Button>
        )}
        {canEdit && !ticket.deleted && (
          <Button variant="outlined" startIcon={<EditNote />} onClick={() => setOpen('edit')} data-testid="edit-fields">
            {t('ticket.editFields')}
          </Button>
        )}
        {can(me, 'tickets.transfer') && !ticket.deleted && (
          <Button
            variant="outlined"
            startIcon={<SwapHoriz />}
            onClick={() => setOpen('transfer')}
            data-testid="transfer"
          >
            {t('ticket.transfer')}
          </Button>
        )}
        <MergeActions ticket={ticket} />
        {can(me, 'tickets.delete') && (
          <Button
            variant="outlined"
            color={ticket.deleted ? 'primary' : 'error'}
            startIcon={ticket.deleted ? <RestoreFromTrash /> : <DeleteOutline />}
            onClick={() => (lifecycle.reset(), setOpen('delete'))}
            data-testid={ticket.deleted ? 'ticket-restore' : 'ticket-delete'}
          >
            {ticket.deleted ? t('ticket.restore') : t('ticket.delete')}
          </Button>
        )}
      </Stack>
      {open === 'edit' && <EditFieldsDialog ticket={ticket} onClose={() => setOpen(null)} />}
      {open === 'transfer' && <TransferDialog ticket={ticket} onClose={() => setOpen(null)} />}
      {open === 'delete' && (
        <Dialog open onClose={() => setOpen(null)} aria-labelledby="delete-title">
          <DialogTitle id="delete-title">{ticket.deleted ? t('ticket.restore') : t('ticket.delete')}</DialogTitle>
          <DialogContent>
            {lifecycle.error != null && (
              <Alert severity="error" sx={{ mb: 1.5 }}>
                {errorMessage(lifecycle.error, t('errors.generic'))}
              </Alert>
            )}
            <DialogContentText>
              {ticket.deleted ? t('ticket.restoreConfirm') : t('ticket.deleteConfirm')}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(null)}>{t('common.cancel')}</Button>
            <Button
              variant="contained"
              color={ticket.deleted ? 'primary' : 'error'}
              disabled={lifecycle.isPending}
              onClick={() => lifecycle.mutate()}
              data-testid="ticket-delete-confirm"
            >
              {ticket.deleted ? t('ticket.restore') : t('common.delete')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Paper>
  );
}
