import { useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { EmptyState, QueryView } from '../../../ui/states';
import { ConfirmDelete } from '../../admin/ConfirmDelete';
import { Notice, useNotice } from '../../admin/Notice';
import { KB_KEY, useKbGroups, type KbGroup } from './api';
import { GroupCard } from './GroupCard';
import { KbGroupDialog } from './KbGroupDialog';
import { groupTree } from './model';

/** H1: the groups and their subgroups; with `kb.manage`, made, changed and deleted here. */
export function GroupsPanel({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const groups = useKbGroups();
  const [editing, setEditing] = useState<{ group: KbGroup | null; parentId: string | null } | null>(null);
  const [deleting, setDeleting] = useState<KbGroup | null>(null);
  const n = useNotice();
  const refresh = () => void qc.invalidateQueries({ queryKey: KB_KEY });

  return (
    <Stack spacing={1.5}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
      >
        <Typography variant="body2" color="text.secondary">
          {t('kbAdmin.groups.hint')}
        </Typography>
        {manage && (
          <Button
            variant="contained"
            startIcon={<Add />}
            onClick={() => setEditing({ group: null, parentId: null })}
            data-testid="kb-new-group"
            sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
          >
            {t('kbAdmin.groups.new')}
          </Button>
        )}
      </Stack>
      <QueryView query={groups} rows={4}>
        {(all) => {
          const tree = groupTree(all);
          return tree.length === 0 ? (
            <EmptyState
              title={t('kbAdmin.groups.empty')}
              hint={t(manage ? 'kbAdmin.groups.emptyHint' : 'kbAdmin.groups.emptyHintReadOnly')}
            />
          ) : (
            <Box
              component="ul"
              aria-label={t('kbAdmin.tab_groups')}
              sx={{ m: 0, p: 0, display: 'grid', gap: 1.5 }}
              data-testid="kb-groups"
            >
              {tree.map((node) => (
                <GroupCard
                  key={node.group.id}
                  node={node}
                  manage={manage}
                  onEdit={(g) => setEditing({ group: g, parentId: g.parentId })}
                  onDelete={setDeleting}
                  onAddSubgroup={(p) => setEditing({ group: null, parentId: p.id })}
                />
              ))}
            </Box>
          );
        }}
      </QueryView>
      {editing && groups.data && (
        <KbGroupDialog
          group={editing.group}
          parentId={editing.parentId}
          groups={groups.data}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('kbAdmin.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('kbAdmin.groups.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteKbGroup', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </Stack>
  );
}
