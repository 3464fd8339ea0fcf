import { useState } from 'react';
import { Alert, Typography } from '@mui/material';
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ResponseOf } from '../../app/api';
import { PERMISSIONS, type Permission } from '../../../contracts/permissions';
import { EmptyState, QueryView, errorMessage } from '../../ui/states';
import { AccessLevelDialog } from './AccessLevelDialog';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { useAccessLevelsLookup } from './lookups';
import { Notice, useNotice } from './Notice';
import { PermissionMatrix } from './PermissionMatrix';
import type { AccessLevel } from './types';

const KEY = ['admin', 'access-levels'];
const SCOPE = 'permission-matrix';
type Levels = ResponseOf<'listAccessLevels'>;

/** A6: the permission matrix of all access levels, and creating, renaming and deleting levels. */
export default function AccessLevelsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const levels = useAccessLevelsLookup();
  const [editing, setEditing] = useState<AccessLevel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AccessLevel | null>(null);
  const n = useNotice();
  const saving = useIsMutating({ mutationKey: [SCOPE] }) > 0;
  const [savedOnce, setSavedOnce] = useState(false);

  // Boxes flip at once; the saves run one after another, each sending the level's latest list.
  const toggle = useMutation({
    mutationKey: [SCOPE],
    scope: { id: SCOPE },
    mutationFn: (v: { id: string }) => {
      const level = qc.getQueryData<Levels>(KEY)?.items.find((l) => l.id === v.id);
      return call('updateAccessLevel', { path: { id: v.id }, body: { permissions: level?.permissions ?? [] } });
    },
    onSuccess: () => setSavedOnce(true),
    onError: (err) => {
      n.fail(errorMessage(err, t('errors.generic')));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onSettled: () => {
      if (qc.isMutating({ mutationKey: [SCOPE] }) <= 1) void qc.invalidateQueries({ queryKey: KEY });
    },
  });

  const onToggle = (level: AccessLevel, permission: Permission, on: boolean) => {
    void qc.cancelQueries({ queryKey: KEY });
    qc.setQueryData<Levels>(
      KEY,
      (old) =>
        old && {
          ...old,
          items: old.items.map((l) =>
            l.id !== level.id
              ? l
              : { ...l, permissions: PERMISSIONS.filter((p) => (p === permission ? on : l.permissions.includes(p))) },
          ),
        },
    );
    toggle.mutate({ id: level.id });
  };

  return (
    <AdminPage
      title={t('admin.levels.title')}
      intro={t('admin.levels.intro')}
      createLabel={t('admin.levels.new')}
      onCreate={() => setEditing('new')}
    >
      <Alert severity="info">{t('admin.levels.adminNote')}</Alert>
      <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" sx={{ minHeight: 20 }}>
        {saving ? t('admin.levels.saving') : savedOnce ? t('admin.levels.saved') : ''}
      </Typography>
      <QueryView query={levels} rows={6}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.levels.empty')} hint={t('admin.levels.emptyHint')} />
          ) : (
            <PermissionMatrix levels={data.items} onToggle={onToggle} onEdit={setEditing} onDelete={setDeleting} />
          )
        }
      </QueryView>
      {editing && (
        <AccessLevelDialog
          level={editing === 'new' ? null : editing}
          levels={levels.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => n.ok(t('admin.common.savedNotice'))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.levels.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteAccessLevel', { path: { id: deleting!.id } })}
        onDone={() => {
          void qc.invalidateQueries({ queryKey: KEY });
          n.ok(t('admin.common.deletedNotice'));
        }}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
