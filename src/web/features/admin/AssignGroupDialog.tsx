import { useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  MenuItem,
  TextField,
  Tooltip,
} from '@mui/material';
import GroupAdd from '@mui/icons-material/GroupAdd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { useDiscardGuard } from '../../ui/useDiscardGuard';
import { useGroupsLookup } from './lookups';
import type { Department } from './types';
import { isolate, UserText } from '../../ui/UserText';

/** B5: makes every member of an agent group an agent of the department. */
export function AssignGroupButton({
  department,
  onDone,
}: {
  department: Department;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = t('admin.departments.assignGroupFor', { name: department.name });
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          size="small"
          aria-label={label}
          onClick={() => setOpen(true)}
          data-testid={`assign-group-${department.id}`}
        >
          <GroupAdd fontSize="small" />
        </IconButton>
      </Tooltip>
      {open && <AssignGroupDialog department={department} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function AssignGroupDialog({
  department,
  onClose,
  onDone,
}: {
  department: Department;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const groups = useGroupsLookup('agent');
  const [groupId, setGroupId] = useState('');
  const m = useMutation({
    mutationFn: () => call('assignDepartmentGroup', { path: { id: department.id }, body: { groupId } }),
    onSuccess: () => {
      onDone(t('admin.departments.assignGroupDone'));
      onClose();
    },
  });
  const fe = fieldErrors(m.error);
  const items = groups.data?.items ?? [];
  const guard = useDiscardGuard(onClose, { dirty: groupId !== '' });
  return (
    <>
      <Dialog
        open
        onClose={m.isPending ? undefined : guard.requestClose}
        maxWidth="xs"
        fullWidth
        aria-labelledby="assign-group-title"
      >
        <DialogTitle id="assign-group-title">
          {t('admin.departments.assignGroupTitle', { name: isolate(department.name) })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('admin.departments.assignGroupHint')}</DialogContentText>
          <FormError error={m.error} shown={['groupId']} />
          {groups.isError && <Alert severity="error">{t('admin.departments.groupsFailed')}</Alert>}
          {groups.isSuccess && items.length === 0 ? (
            <Alert severity="info">{t('admin.departments.noAgentGroups')}</Alert>
          ) : (
            <TextField
              select
              fullWidth
              label={t('admin.departments.agentGroup')}
              value={groupId}
              onChange={(e) => setGroupId(e.target.value)}
              {...fe.field('groupId')}
            >
              {items.map((g) => (
                <MenuItem key={g.id} value={g.id}>
                  <UserText>{g.name}</UserText>
                </MenuItem>
              ))}
            </TextField>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose} disabled={m.isPending}>
            {t('common.cancel')}
          </Button>
          <Button variant="contained" disabled={!groupId} loading={m.isPending} onClick={() => m.mutate()}>
            {t('admin.departments.assignGroupAction')}
          </Button>
        </DialogActions>
      </Dialog>
      {guard.confirm}
    </>
  );
}
