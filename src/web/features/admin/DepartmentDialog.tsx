import { useEffect, useState } from 'react';
import { FormControlLabel, FormHelperText, MenuItem, Stack, Switch, TextField } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { Loading } from '../../ui/states';
import { EntityDialog } from './EntityDialog';
import { useLinkedUsers } from './lookups';
import type { Department, User } from './types';
import { UserPicker } from './UserPicker';
import { isolate } from '../../ui/UserText';

const USAGES = ['all', 'members', 'internal'] as const;
/** Issue 20: how a new ticket without an assignee gets one. */
const MODES = ['manual', 'round_robin', 'least_open'] as const;
const SHOWN = ['name', 'description', 'active', 'visible', 'usage', 'managerId', 'agentIds', 'assignmentMode'];

/** B1–B4: a department's name, who may use it, whether customers see it, its manager and agents. */
export function DepartmentDialog({
  department,
  onClose,
  onSaved,
}: {
  department: Department | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const d = department;
  const [name, setName] = useState(d?.name ?? '');
  const [description, setDescription] = useState(d?.description ?? '');
  const [active, setActive] = useState(d?.active ?? true);
  const [visible, setVisible] = useState(d?.visible ?? true);
  const [usage, setUsage] = useState<Department['usage']>(d?.usage ?? 'all');
  const [assignmentMode, setMode] = useState<Department['assignmentMode']>(d?.assignmentMode ?? 'manual');
  const [manager, setManager] = useState<User | null>(null);
  const [agents, setAgents] = useState<User[]>([]);
  const [agentsTouched, setAgentsTouched] = useState(false);

  const linked = useLinkedUsers('departmentId', d?.id);
  const managerQuery = useQuery({
    queryKey: ['admin', 'users', 'one', d?.managerId],
    queryFn: () => call('getUser', { path: { id: d!.managerId! } }),
    enabled: !!d?.managerId,
  });
  useEffect(() => {
    if (linked.data && !agentsTouched) setAgents(linked.data.items);
  }, [linked.data, agentsTouched]);
  useEffect(() => {
    if (managerQuery.data) setManager((m) => m ?? managerQuery.data);
  }, [managerQuery.data]);

  const save = useMutation({
    mutationFn: () => {
      const body: BodyOf<'createDepartment'> = {
        name: name.trim(),
        description: description.trim(),
        active,
        visible,
        usage,
        managerId: manager?.id ?? null,
        assignmentMode,
      };
      // Only a department's first 100 agents are loaded: untouched, the list is not sent (and not cut).
      if (!d || agentsTouched) body.agentIds = agents.map((a) => a.id);
      return d ? call('updateDepartment', { path: { id: d.id }, body }) : call('createDepartment', { body });
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const loadingPeople = (!!d && linked.isPending) || (!!d?.managerId && managerQuery.isPending);

  return (
    <EntityDialog
      open
      wide
      title={d ? t('admin.departments.editTitle', { name: isolate(d.name) }) : t('admin.departments.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={SHOWN}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'department-name' } }}
      />
      <TextField
        multiline
        minRows={2}
        label={t('common.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...fe.field('description')}
        slotProps={{ htmlInput: { dir: 'auto' } }}
      />
      <TextField
        select
        label={t('admin.departments.usage')}
        value={usage}
        onChange={(e) => setUsage(e.target.value as Department['usage'])}
        {...fe.field('usage', t(`admin.departments.usageHint_${usage}`))}
      >
        {USAGES.map((u) => (
          <MenuItem key={u} value={u}>
            {t(`admin.departments.usage_${u}`)}
          </MenuItem>
        ))}
      </TextField>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <div>
          <FormControlLabel
            control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} />}
            label={t('admin.departments.activeLabel')}
          />
          <FormHelperText error={fe.has('active')}>
            {fe.fields.active ?? t('admin.departments.activeHint')}
          </FormHelperText>
        </div>
        <div>
          <FormControlLabel
            control={<Switch checked={visible} onChange={(e) => setVisible(e.target.checked)} />}
            label={t('admin.departments.visibleLabel')}
          />
          <FormHelperText error={fe.has('visible')}>
            {fe.fields.visible ?? t('admin.departments.visibleHint')}
          </FormHelperText>
        </div>
      </Stack>
      {loadingPeople ? (
        <Loading />
      ) : (
        <>
          <UserPicker
            role="staff"
            label={t('admin.departments.manager')}
            value={manager}
            onChange={setManager}
            {...fe.field('managerId', t('admin.departments.managerHint'))}
          />
          <UserPicker
            multiple
            role="staff"
            label={t('admin.departments.agents')}
            value={agents}
            onChange={(v) => {
              setAgents(v);
              setAgentsTouched(true);
            }}
            {...fe.field('agentIds', t('admin.departments.agentsHint'))}
          />
        </>
      )}
      <TextField
        select
        label={t('admin.departments.assignmentMode')}
        value={assignmentMode}
        onChange={(e) => setMode(e.target.value as Department['assignmentMode'])}
        {...fe.field('assignmentMode', t(`admin.departments.assignmentHint_${assignmentMode}`))}
        slotProps={{ htmlInput: { 'data-testid': 'department-assignment' } }}
      >
        {MODES.map((m) => (
          <MenuItem key={m} value={m}>
            {t(`admin.departments.assignment_${m}`)}
          </MenuItem>
        ))}
      </TextField>
    </EntityDialog>
  );
}
