import { useState } from 'react';
import { Box, Chip, MenuItem, TextField, Typography } from '@mui/material';
import SubdirectoryArrowLeft from '@mui/icons-material/SubdirectoryArrowLeft';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { LabelledSwitch } from './LabelledSwitch';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, type Column } from './CrudTable';
import { EntityDialog } from './EntityDialog';
import { orgUnitTree, useOrgUnitsLookup } from './lookups';
import { Notice, useNotice } from './Notice';
import type { OrgUnit } from './types';
import { autoDirInput, isolate, UserText } from '../../ui/UserText';

type Node = OrgUnit & { depth: number };

/** B7: the organisational units requesters pick from, as a tree (a unit may sit under another). */
export default function OrgUnitsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const list = useOrgUnitsLookup();
  const [editing, setEditing] = useState<OrgUnit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OrgUnit | null>(null);
  const n = useNotice();
  const units = list.data?.items ?? [];
  const nameOf = (id: string | null) => units.find((u) => u.id === id)?.name ?? '—';
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'org-units'] });
    void qc.invalidateQueries({ queryKey: ['org-units'] });
  };
  const columns: Column<Node>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (u) => (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, pl: u.depth * 2.5 }}>
          {u.depth > 0 && (
            <SubdirectoryArrowLeft
              fontSize="small"
              color="action"
              aria-hidden
              sx={{ transform: (th) => (th.direction === 'rtl' ? 'none' : 'scaleX(-1)') }}
            />
          )}
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{u.name}</UserText>
          </Typography>
        </Box>
      ),
    },
    {
      key: 'parent',
      header: t('admin.orgUnits.parent'),
      render: (u) => (u.parentId ? <UserText>{nameOf(u.parentId)}</UserText> : t('admin.orgUnits.topLevel')),
    },
    { key: 'position', header: t('admin.common.position'), render: (u) => f.number(u.position), align: 'center' },
    {
      key: 'active',
      header: t('admin.common.state'),
      render: (u) => (
        <Chip
          size="small"
          variant="outlined"
          color={u.active ? 'success' : 'default'}
          label={u.active ? t('admin.common.active') : t('admin.common.inactive')}
        />
      ),
    },
  ];
  return (
    <AdminPage
      title={t('admin.orgUnits.title')}
      intro={t('admin.orgUnits.intro')}
      createLabel={t('admin.orgUnits.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.orgUnits.empty')} hint={t('admin.orgUnits.emptyHint')} />
          ) : (
            <CrudTable
              rows={orgUnitTree(data.items)}
              columns={columns}
              getId={(u) => u.id}
              rowName={(u) => u.name}
              caption={t('admin.orgUnits.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
            />
          )
        }
      </QueryView>
      {editing && (
        <OrgUnitDialog
          unit={editing === 'new' ? null : editing}
          units={units}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.orgUnits.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteOrgUnit', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}

/** The unit and everything under it: none of them can become its parent. */
function selfAndDescendants(units: OrgUnit[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}

function OrgUnitDialog({
  unit,
  units,
  onClose,
  onSaved,
}: {
  unit: OrgUnit | null;
  units: OrgUnit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(unit?.name ?? '');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const [active, setActive] = useState(unit?.active ?? true);
  const [position, setPosition] = useState(String(unit?.position ?? 0));
  const excluded = unit ? selfAndDescendants(units, unit.id) : new Set<string>();
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), parentId: parentId || null, active, position: Number(position) || 0 };
      return unit ? call('updateOrgUnit', { path: { id: unit.id }, body }) : call('createOrgUnit', { body });
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={unit ? t('admin.orgUnits.editTitle', { name: isolate(unit.name) }) : t('admin.orgUnits.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'parentId', 'active', 'position']}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': 'org-unit-name' } }}
      />
      <TextField
        select
        label={t('admin.orgUnits.parent')}
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        {...fe.field('parentId')}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{t('admin.orgUnits.topLevel')}</MenuItem>
        {orgUnitTree(units)
          .filter((u) => !excluded.has(u.id))
          .map((u) => (
            <MenuItem key={u.id} value={u.id} sx={{ pl: 2 + u.depth * 2 }}>
              <UserText>{u.name}</UserText>
            </MenuItem>
          ))}
      </TextField>
      <TextField
        type="number"
        label={t('admin.common.position')}
        value={position}
        onChange={(e) => setPosition(e.target.value)}
        {...fe.field('position', t('admin.common.positionHint'))}
        slotProps={{ htmlInput: { min: 0, max: 10000, step: 1 } }}
      />
      <LabelledSwitch
        label={t('admin.common.activeLabel')}
        checked={active}
        onChange={setActive}
        hint={t('admin.orgUnits.activeHint')}
        error={fe.fields.active}
      />
    </EntityDialog>
  );
}
