import { useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { fieldErrors } from '../../../ui/form';
import { NumberField } from '../../../ui/NumberField';
import { isolate } from '../../../ui/UserText';
import { EntityDialog } from '../../admin/EntityDialog';
import { LabelledSwitch } from '../../admin/LabelledSwitch';
import type { KbGroup } from './api';
import { GroupImageField } from './GroupImageField';

const TOP = '';

/**
 * H1: a group or subgroup — its name, the group it is under, its picture, the knowledge-base
 * capability (only such groups hold articles), whether the help centre shows it, its place.
 */
export function KbGroupDialog({
  group,
  parentId: initialParent,
  groups,
  onClose,
  onSaved,
}: {
  group: KbGroup | null;
  /** The group a new subgroup goes under (null: a new top-level group). */
  parentId: string | null;
  groups: KbGroup[];
  onClose: () => void;
  onSaved: (g: KbGroup) => void;
}) {
  const { t } = useTranslation();
  const siblings = groups.filter((g) => g.parentId === initialParent && g.id !== group?.id);
  const start = {
    name: group?.name ?? '',
    parentId: initialParent ?? TOP,
    image: group?.imageId ? { id: group.imageId, url: group.imageUrl ?? '' } : null,
    kb: group?.kb ?? true,
    visible: group?.visible ?? true,
    position: String(group?.position ?? (siblings.length ? Math.max(...siblings.map((g) => g.position)) + 10 : 0)),
  };
  const [v, setV] = useState(start);
  const set = <K extends keyof typeof start>(k: K, value: (typeof start)[K]) => setV((s) => ({ ...s, [k]: value }));
  const hasSubgroups = !!group && groups.some((g) => g.parentId === group.id);
  const parents = groups.filter((g) => g.parentId === null && g.id !== group?.id);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: v.name.trim(),
        parentId: v.parentId || null,
        imageId: v.image?.id ?? null,
        kb: v.kb,
        visible: v.visible,
        position: Number(v.position || 0),
      };
      return group ? call('updateKbGroup', { path: { id: group.id }, body }) : call('createKbGroup', { body });
    },
    onSuccess: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const isSub = !!v.parentId;
  const title = group
    ? t(isSub ? 'kbAdmin.groups.editSubgroup' : 'kbAdmin.groups.editGroup', { name: isolate(group.name) })
    : t(isSub ? 'kbAdmin.groups.newSubgroup' : 'kbAdmin.groups.new');

  return (
    <EntityDialog
      open
      title={title}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'parentId', 'imageId', 'kb', 'visible', 'position']}
      dirty={JSON.stringify(v) !== JSON.stringify(start)}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={v.name}
        onChange={(e) => set('name', e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { dir: 'auto', maxLength: 120, 'data-testid': 'kb-group-name' } }}
      />
      <TextField
        select
        label={t('kbAdmin.groups.parent')}
        value={v.parentId}
        onChange={(e) => set('parentId', e.target.value)}
        disabled={hasSubgroups}
        {...fe.field('parentId', hasSubgroups ? t('kbAdmin.groups.parentLocked') : t('kbAdmin.groups.parentHint'))}
        slotProps={{
          select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'kb-group-parent' } as object },
          inputLabel: { shrink: true },
        }}
      >
        <MenuItem value={TOP}>{t('kbAdmin.groups.topLevel')}</MenuItem>
        {parents.map((p) => (
          <MenuItem key={p.id} value={p.id}>
            <bdi dir="auto">{p.name}</bdi>
          </MenuItem>
        ))}
      </TextField>
      <GroupImageField url={v.image?.url ?? null} onChange={(img) => set('image', img)} error={fe.fields.imageId} />
      <LabelledSwitch
        label={t('kbAdmin.groups.kb')}
        checked={v.kb}
        onChange={(on) => set('kb', on)}
        hint={!v.kb && group && group.articles > 0 ? t('kbAdmin.groups.kbOffHasArticles') : t('kbAdmin.groups.kbHint')}
        error={fe.fields.kb}
        testId="kb-group-kb"
      />
      <LabelledSwitch
        label={t('kbAdmin.visibility')}
        checked={v.visible}
        onChange={(on) => set('visible', on)}
        hint={t('kbAdmin.groups.visibleHint')}
        error={fe.fields.visible}
        testId="kb-group-visible"
      />
      <NumberField
        label={t('kbAdmin.groups.position')}
        value={v.position}
        onChange={(n) => set('position', n)}
        {...fe.field('position', t('kbAdmin.groups.positionHint'))}
        sx={{ maxWidth: 200 }}
        slotProps={{ htmlInput: { 'data-testid': 'kb-group-position' } }}
      />
    </EntityDialog>
  );
}
