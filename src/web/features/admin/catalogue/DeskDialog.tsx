import { useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { fieldErrors } from '../../../ui/form';
import { NumberField } from '../../../ui/NumberField';
import { autoDirInput, isolate, UserText } from '../../../ui/UserText';
import { EntityDialog } from '../EntityDialog';
import { LabelledSwitch } from '../LabelledSwitch';
import type { Department } from '../types';
import type { Desk } from './model';

const SHOWN = ['key', 'name', 'description', 'departmentId', 'visible', 'position'];

/** E1: a service desk's key, name, description, department, whether customers see it, and its place. */
export function DeskDialog({
  desk,
  departments,
  nextPosition,
  onClose,
  onSaved,
}: {
  desk: Desk | null;
  departments: Department[];
  nextPosition: number;
  onClose: () => void;
  onSaved: (desk: Desk, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [key, setKey] = useState(desk?.key ?? '');
  const [name, setName] = useState(desk?.name ?? '');
  const [description, setDescription] = useState(desk?.description ?? '');
  const [departmentId, setDepartmentId] = useState(desk?.departmentId ?? '');
  const [visible, setVisible] = useState(desk?.visible ?? true);
  const [position, setPosition] = useState(String(desk?.position ?? nextPosition));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        key: key.trim(),
        name: name.trim(),
        description: description.trim(),
        departmentId,
        visible,
        position: Number(position || 0),
      };
      return desk ? call('updateDesk', { path: { id: desk.id }, body }) : call('createDesk', { body });
    },
    onSuccess: (saved) => {
      onSaved(saved, !desk);
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={desk ? t('admin.catalogue.editDesk', { name: isolate(desk.name) }) : t('admin.catalogue.newDesk')}
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
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'desk-name' } }}
      />
      <TextField
        required
        label={t('admin.catalogue.deskKey')}
        value={key}
        // Upper-cased as it is typed: the key is written that way in every request's key.
        onChange={(e) => setKey(e.target.value.toUpperCase())}
        {...fe.field('key', t('admin.catalogue.deskKeyHint'))}
        slotProps={{
          htmlInput: {
            dir: 'ltr',
            maxLength: 10,
            autoCapitalize: 'characters',
            autoComplete: 'off',
            spellCheck: false,
            'data-testid': 'desk-key',
          },
        }}
      />
      <TextField
        multiline
        minRows={2}
        label={t('common.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...fe.field('description', t('admin.catalogue.deskDescriptionHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 2000 } }}
      />
      <TextField
        select
        required
        label={t('admin.catalogue.department')}
        value={departmentId}
        onChange={(e) => setDepartmentId(e.target.value)}
        {...fe.field('departmentId', t('admin.catalogue.deskDepartmentHint'))}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'desk-department' } as object } }}
      >
        {departments.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <NumberField
        label={t('admin.common.position')}
        value={position}
        onChange={setPosition}
        {...fe.field('position', t('admin.common.positionHint'))}
      />
      <LabelledSwitch
        label={t('admin.catalogue.visibleLabel')}
        checked={visible}
        onChange={setVisible}
        hint={t('admin.catalogue.deskVisibleHint')}
        error={fe.fields.visible}
        testId="desk-visible"
      />
    </EntityDialog>
  );
}
