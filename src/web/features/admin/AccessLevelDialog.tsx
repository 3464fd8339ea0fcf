import { useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { EntityDialog } from './EntityDialog';
import type { AccessLevel } from './types';
import { isolate, UserText } from '../../ui/UserText';

/** Creates a level (optionally starting from another level's permissions) or renames one. */
export function AccessLevelDialog({
  level,
  levels,
  onClose,
  onSaved,
}: {
  level: AccessLevel | null;
  levels: AccessLevel[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(level?.name ?? '');
  const [description, setDescription] = useState(level?.description ?? '');
  const [copyFrom, setCopyFrom] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim() };
      if (level) return call('updateAccessLevel', { path: { id: level.id }, body });
      return call('createAccessLevel', {
        body: { ...body, permissions: levels.find((l) => l.id === copyFrom)?.permissions ?? [] },
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'access-levels'] });
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={level ? t('admin.levels.editTitle', { name: isolate(level.name) }) : t('admin.levels.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'description', 'permissions']}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'level-name' } }}
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
      {!level && levels.length > 0 && (
        <TextField
          select
          label={t('admin.levels.copyFrom')}
          value={copyFrom}
          onChange={(e) => setCopyFrom(e.target.value)}
          {...fe.field('permissions', t('admin.levels.copyFromHint'))}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('admin.levels.startEmpty')}</MenuItem>
          {levels.map((l) => (
            <MenuItem key={l.id} value={l.id}>
              <UserText>{l.name}</UserText>
            </MenuItem>
          ))}
        </TextField>
      )}
    </EntityDialog>
  );
}
