import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { FormError, fieldErrors } from '../../../ui/form';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { ticketKey, useAgents, useDepartments } from './queries';
import type { TTicket, TUpdateTicket } from './types';
import { isolate, UserText } from '../../../ui/UserText';
import { AwayChip } from '../../../ui/AwayChip';

const KEEP = 'keep';
const NONE = 'none';

/** C13: hand the ticket to another department and, optionally, to one agent there. */
export function TransferDialog({ ticket, onClose }: { ticket: TTicket; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const canAssign = can(me, 'tickets.assign');
  const departments = useDepartments();
  const agents = useAgents(canAssign);
  const [departmentId, setDepartmentId] = useState('');
  const [assignee, setAssignee] = useState(KEEP);
  const target = departments.data?.find((d) => d.id === departmentId);
  // Agents of the chosen department first: they are the likely receivers.
  const inTarget = (id: string) => !!target && (target.agentIds.includes(id) || target.managerId === id);
  const agentOptions = [...(agents.data ?? [])].sort((a, b) => Number(inTarget(b.id)) - Number(inTarget(a.id)));

  const save = useMutation({
    mutationFn: () => {
      const input: TUpdateTicket = { departmentId };
      if (assignee === NONE) input.assigneeIds = [];
      else if (assignee !== KEEP) input.assigneeIds = [assignee];
      return call('updateTicket', { path: { number: ticket.number }, body: input });
    },
    onSuccess: async (updated) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const guard = useDiscardGuard(onClose, { dirty: departmentId !== '' || assignee !== KEEP });
  return (
    <>
      <Dialog
        open
        onClose={save.isPending ? undefined : guard.requestClose}
        fullWidth
        maxWidth="sm"
        aria-labelledby="transfer-title"
        data-testid="transfer-dialog"
      >
        <DialogTitle id="transfer-title">{t('ticket.transfer')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {t('ticket.transferHint', { department: isolate(ticket.department.name) })}
          </DialogContentText>
          <FormError error={save.error} shown={['departmentId', 'assigneeIds']} />
          <Stack spacing={2}>
            <TextField
              select
              fullWidth
              label={t('ticket.newDepartment')}
              value={departmentId}
              onChange={(e) => setDepartmentId(e.target.value)}
              {...errs.field('departmentId')}
              data-testid="transfer-department"
            >
              {(departments.data ?? [])
                .filter((d) => d.active && d.id !== ticket.department.id)
                .map((d) => (
                  <MenuItem key={d.id} value={d.id}>
                    <UserText>{d.name}</UserText>
                  </MenuItem>
                ))}
            </TextField>
            {canAssign && (
              <TextField
                select
                fullWidth
                label={t('ticket.transferAssignee')}
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                {...errs.field('assigneeIds')}
              >
                <MenuItem value={KEEP}>{t('ticket.keepAssignees')}</MenuItem>
                <MenuItem value={NONE}>
                  {target && target.assignmentMode !== 'manual' ? t('away.transferAuto') : t('ticket.unassigned')}
                </MenuItem>
                {agentOptions.map((a) => (
                  <MenuItem key={a.id} value={a.id}>
                    {inTarget(a.id) ? (
                      t('ticket.agentInDepartment', { name: isolate(a.name) })
                    ) : (
                      <UserText>{a.name}</UserText>
                    )}
                    {a.away && <AwayChip />}
                  </MenuItem>
                ))}
              </TextField>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!departmentId || save.isPending}
            onClick={() => save.mutate()}
            data-testid="transfer-save"
          >
            {t('ticket.transferDo')}
          </Button>
        </DialogActions>
      </Dialog>
      {guard.confirm}
    </>
  );
}
