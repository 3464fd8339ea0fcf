import { useEffect, useState } from 'react';
import { TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { Loading } from '../../ui/states';
import { EntityDialog } from './EntityDialog';
import { useLinkedUsers } from './lookups';
import type { Group, User } from './types';
import { UserPicker } from './UserPicker';
import { isolate } from '../../ui/UserText';

/** A10: a group's name, description and members (customers, or agents and admins). */
export function GroupDialog({
  group,
  kind,
  onClose,
  onSaved,
}: {
  group: Group | null;
  kind: Group['kind'];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [members, setMembers] = useState<User[]>([]);
  const [touched, setTouched] = useState(false);
  const linked = useLinkedUsers('groupId', group?.id);
  useEffect(() => {
    if (linked.data && !touched) setMembers(linked.data.items);
  }, [linked.data, touched]);

  const save = useMutation({
    mutationFn: () => {
      const fields = { name: name.trim(), description: description.trim() };
      // Only the first 100 members are loaded: an untouched list is not sent, so none are dropped.
      const memberIds = !group || touched ? { memberIds: members.map((m) => m.id) } : {};
      return group
        ? call('updateGroup', { path: { id: group.id }, body: { ...fields, ...memberIds } })
        : call('createGroup', { body: { ...fields, ...memberIds, kind } });
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const k = group?.kind ?? kind;
  return (
    <EntityDialog
      open
      wide
      title={group ? t('admin.groups.editTitle', { name: isolate(group.name) }) : t(`admin.groups.new_${k}`)}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'description', 'memberIds']}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'group-name' } }}
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
      {group && linked.isPending ? (
        <Loading />
      ) : (
        <UserPicker
          multiple
          role={k === 'customer' ? 'customer' : 'staff'}
          label={t('admin.groups.members')}
          value={members}
          onChange={(v) => {
            setMembers(v);
            setTouched(true);
          }}
          {...fe.field('memberIds', t(`admin.groups.membersHint_${k}`))}
        />
      )}
    </EntityDialog>
  );
}
