import { useState } from 'react';
import { Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { AssignGroupButton } from './AssignGroupDialog';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, usePaging, type Column } from './CrudTable';
import { DepartmentDialog } from './DepartmentDialog';
import { useStaffLookup } from './lookups';
import { Notice, useNotice } from './Notice';
import { SearchField } from './SearchField';
import type { Department } from './types';
import { UserText } from '../../ui/UserText';

const SORTS = ['name', '-name', '-updated', 'updated'] as const;

/** B1–B6: departments with paging, sorting, their manager and agents. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [sort, setSort] = useState<(typeof SORTS)[number]>('name');
  const { q, search, page, pageSize, paging } = usePaging();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  const n = useNotice();
  const list = useQuery({
    queryKey: ['admin', 'departments', { q, sort, page, pageSize }],
    queryFn: () => call('listDepartments', { query: { q, sort, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const staff = useStaffLookup();
  const personName = (id: string | null) => {
    const u = id ? staff.data?.find((s) => s.id === id) : undefined;
    return u ? u.name || u.username : '—';
  };
  const refresh = () => {
    for (const key of [['admin', 'departments'], ['admin', 'users'], ['departments']])
      void qc.invalidateQueries({ queryKey: key });
  };

  const columns: Column<Department>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (d) => (
        <Stack>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{d.name}</UserText>
          </Typography>
          {d.description && (
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
            >
              <UserText>{d.description}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    { key: 'usage', header: t('admin.departments.usage'), render: (d) => t(`admin.departments.usage_${d.usage}`) },
    {
      key: 'state',
      header: t('admin.departments.state'),
      render: (d) => (
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
          <Chip
            size="small"
            variant="outlined"
            color={d.active ? 'success' : 'default'}
            label={d.active ? t('admin.common.active') : t('admin.common.inactive')}
          />
          <Chip
            size="small"
            variant="outlined"
            label={d.visible ? t('admin.departments.visible') : t('admin.departments.hidden')}
          />
        </Stack>
      ),
    },
    {
      key: 'manager',
      header: t('admin.departments.manager'),
      render: (d) => <UserText>{personName(d.managerId)}</UserText>,
    },
    {
      key: 'agents',
      header: t('admin.departments.agents'),
      // Issue 20: and how new tickets reach them, when not by hand.
      render: (d) => (
        <Stack sx={{ alignItems: 'center', gap: 0.5 }}>
          {f.number(d.agentIds.length)}
          {d.assignmentMode !== 'manual' && (
            <Chip size="small" variant="outlined" label={t(`admin.departments.assignment_${d.assignmentMode}`)} />
          )}
        </Stack>
      ),
      align: 'center',
    },
    { key: 'updated', header: t('admin.common.updated'), render: (d) => f.date(d.updatedAt) },
  ];

  return (
    <AdminPage
      title={t('admin.departments.title')}
      intro={t('admin.departments.intro')}
      createLabel={t('admin.departments.new')}
      onCreate={() => setEditing('new')}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <SearchField label={t('admin.departments.search')} onSearch={search} />
        <TextField
          select
          size="small"
          label={t('admin.common.sortBy')}
          value={sort}
          onChange={(e) => setSort(e.target.value as (typeof SORTS)[number])}
          sx={{ minWidth: 200 }}
        >
          {SORTS.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`admin.departments.sort_${s.replace('-', 'desc_')}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <QueryView query={list} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={q ? t('admin.common.noResults') : t('admin.departments.empty')}
              hint={q ? t('admin.common.noResultsHint') : t('admin.departments.emptyHint')}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(d) => d.id}
              rowName={(d) => d.name}
              caption={t('admin.departments.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
              extraActions={(d) => <AssignGroupButton department={d} onDone={(msg) => (refresh(), n.ok(msg))} />}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
      {editing && (
        <DepartmentDialog
          department={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.departments.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteDepartment', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
