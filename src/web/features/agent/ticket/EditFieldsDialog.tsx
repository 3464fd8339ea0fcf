import { useState } from 'react';
import {
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Grid,
  MenuItem,
  Switch,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { FormError, fieldErrors } from '../../../ui/form';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { PRIORITIES, STATUSES } from '../../../ui/ticket-bits';
import { PeoplePicker } from './PeoplePicker';
import { ticketKey, useAgents, useDepartments, useTags, useTicketTypes } from './queries';
import type { TTicket, TUpdateTicket } from './types';
import { UserText } from '../../../ui/UserText';

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** C10, C13: every editable field at once; only what changed is sent, so each change needs only its own permission. */
export function EditFieldsDialog({ ticket, onClose }: { ticket: TTicket; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const canEdit = can(me, 'tickets.edit');
  const canTransfer = can(me, 'tickets.transfer');
  const canAssign = can(me, 'tickets.assign');
  const departments = useDepartments();
  const types = useTicketTypes();
  const agents = useAgents();
  const tags = useTags();
  const [v, setV] = useState({
    subject: ticket.subject,
    departmentId: ticket.department.id,
    typeId: ticket.type?.id ?? '',
    priority: ticket.priority,
    status: ticket.status,
    assignees: ticket.assignees,
    followers: ticket.followers,
    tags: ticket.tags,
    pinned: ticket.pinned,
  });
  const set = (p: Partial<typeof v>) => setV((o) => ({ ...o, ...p }));

  const changes = (): TUpdateTicket => {
    const c: TUpdateTicket = {};
    if (v.subject.trim() !== ticket.subject) c.subject = v.subject.trim();
    if (v.departmentId !== ticket.department.id) c.departmentId = v.departmentId;
    if (v.typeId !== (ticket.type?.id ?? '')) c.typeId = v.typeId || null;
    if (v.priority !== ticket.priority) c.priority = v.priority;
    if (v.status !== ticket.status) c.status = v.status;
    if (v.pinned !== ticket.pinned) c.pinned = v.pinned;
    if (!same(v.tags, ticket.tags)) c.tags = v.tags;
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    if (!same(ids(v.assignees), ids(ticket.assignees))) c.assigneeIds = ids(v.assignees);
    if (!same(ids(v.followers), ids(ticket.followers))) c.followerIds = ids(v.followers);
    return c;
  };
  const save = useMutation({
    mutationFn: () => call('updateTicket', { path: { number: ticket.number }, body: changes() }),
    onSuccess: async (updated) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const dirty = Object.keys(changes()).length > 0;
  const guard = useDiscardGuard(onClose, { dirty });
  // The current department stays choosable even when inactive or outside the lookup.
  const departmentOptions = [
    ...(departments.data ?? [])
      .filter((d) => d.active || d.id === ticket.department.id)
      .map((d) => ({ id: d.id, name: d.name })),
    ...(departments.data?.some((d) => d.id === ticket.department.id) ? [] : [ticket.department]),
  ];

  return (
    <>
      <Dialog
        open
        onClose={save.isPending ? undefined : guard.requestClose}
        fullWidth
        maxWidth="md"
        aria-labelledby="edit-fields-title"
        data-testid="edit-fields-dialog"
      >
        <DialogTitle id="edit-fields-title">{t('ticket.editFields')}</DialogTitle>
        <DialogContent>
          <FormError
            error={save.error}
            shown={[
              'subject',
              'departmentId',
              'typeId',
              'priority',
              'status',
              'assigneeIds',
              'followerIds',
              'tags',
              'pinned',
            ]}
          />
          <Grid container spacing={2} sx={{ pt: 1 }}>
            <Grid size={12}>
              <TextField
                fullWidth
                label={t('ticket.subject')}
                value={v.subject}
                onChange={(e) => set({ subject: e.target.value })}
                disabled={!canEdit}
                required
                {...errs.field('subject')}
                slotProps={{ htmlInput: { maxLength: 250, dir: 'auto' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                label={t('ticket.department')}
                value={v.departmentId}
                onChange={(e) => set({ departmentId: e.target.value })}
                disabled={!canTransfer}
                {...errs.field('departmentId')}
              >
                {departmentOptions.map((d) => (
                  <MenuItem key={d.id} value={d.id}>
                    <UserText>{d.name}</UserText>
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                label={t('ticket.type')}
                value={v.typeId}
                onChange={(e) => set({ typeId: e.target.value })}
                disabled={!canEdit}
                {...errs.field('typeId')}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">{t('common.none')}</MenuItem>
                {(types.data ?? [])
                  .filter((ty) => ty.active || ty.id === v.typeId)
                  .map((ty) => (
                    <MenuItem key={ty.id} value={ty.id}>
                      <UserText>{ty.name}</UserText>
                    </MenuItem>
                  ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                label={t('ticket.priority')}
                value={v.priority}
                onChange={(e) => set({ priority: e.target.value as TTicket['priority'] })}
                disabled={!canEdit}
                {...errs.field('priority')}
              >
                {PRIORITIES.map((p) => (
                  <MenuItem key={p} value={p}>
                    {t(`priority.${p}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                label={t('ticket.status')}
                value={v.status}
                onChange={(e) => set({ status: e.target.value as TTicket['status'] })}
                disabled={!canEdit}
                {...errs.field('status')}
              >
                {STATUSES.map((s) => (
                  <MenuItem key={s} value={s}>
                    {t(`status.${s}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <PeoplePicker
                label={t('ticket.assignees')}
                options={agents.data ?? []}
                value={v.assignees}
                onChange={(assignees) => set({ assignees })}
                disabled={!canAssign}
                {...errs.field('assigneeIds')}
                testId="edit-assignees"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <PeoplePicker
                label={t('ticket.followers')}
                options={agents.data ?? []}
                value={v.followers}
                onChange={(followers) => set({ followers })}
                disabled={!canAssign}
                {...errs.field('followerIds')}
                testId="edit-followers"
              />
            </Grid>
            <Grid size={12}>
              <Autocomplete
                multiple
                freeSolo
                options={(tags.data ?? []).map((x) => x.name)}
                value={v.tags}
                disabled={!canEdit}
                onChange={(_, tagsValue) => set({ tags: [...new Set(tagsValue.map((x) => x.trim()).filter(Boolean))] })}
                filterSelectedOptions
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={t('ticket.tags')}
                    {...errs.field('tags', t('ticket.tagsHint'))}
                    slotProps={{ htmlInput: { ...params.inputProps, dir: 'auto' } }}
                  />
                )}
              />
            </Grid>
            <Grid size={12}>
              <FormControlLabel
                control={
                  <Switch checked={v.pinned} onChange={(e) => set({ pinned: e.target.checked })} disabled={!canEdit} />
                }
                label={t('ticket.pinToTop')}
              />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!dirty || !v.subject.trim() || save.isPending}
            onClick={() => save.mutate()}
            data-testid="edit-fields-save"
          >
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
      {guard.confirm}
    </>
  );
}
