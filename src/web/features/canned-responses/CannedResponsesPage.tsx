import { useState } from 'react';
import { Chip, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { can, useMe } from '../../app/session';
import { EmptyState, QueryView } from '../../ui/states';
import { UserText } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { ConfirmDelete } from '../admin/ConfirmDelete';
import { CrudTable, usePaging, type Column } from '../admin/CrudTable';
import { useDepartmentsLookup } from '../admin/lookups';
import { Notice, useNotice } from '../admin/Notice';
import { SearchField } from '../admin/SearchField';
import { CannedResponseDialog } from './CannedResponseDialog';
import { plainPreview } from './preview';
import type { CannedResponse } from './types';

type Scope = 'all' | 'shared' | 'personal';

/**
 * K6: the canned responses the person may use. Everyone keeps personal ones; admins and agents
 * with "manage shared canned responses" write the team's, optionally for some departments.
 */
export default function CannedResponsesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const manager = can(me, 'canned.manage');
  const { q, search, page, pageSize, setPage, paging } = usePaging(25);
  const [scope, setScope] = useState<Scope>('all');
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const n = useNotice();
  const departments = useDepartmentsLookup();
  const depName = new Map((departments.data?.items ?? []).map((d) => [d.id, d.name]));
  const list = useQuery({
    queryKey: ['canned-responses', 'manage', { q, page, pageSize, scope }],
    queryFn: () => call('listCannedResponses', { query: { ...(q ? { q } : {}), page, pageSize, scope } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['canned-responses'] });
  const columns: Column<CannedResponse>[] = [
    {
      key: 'title',
      header: t('canned.titleField'),
      render: (x) => (
        <Stack sx={{ minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{x.title}</UserText>
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            <UserText>{plainPreview(x.body, 90)}</UserText>
          </Typography>
        </Stack>
      ),
    },
    {
      key: 'shortcut',
      header: t('canned.shortcut'),
      render: (x) => (x.shortcut ? <bdi dir="auto">/{x.shortcut}</bdi> : '—'),
    },
    {
      key: 'scope',
      header: t('canned.scope'),
      render: (x) => (
        <Chip
          size="small"
          variant="outlined"
          color={x.shared ? 'primary' : 'info'}
          label={x.shared ? t('canned.shared') : t('canned.personal')}
        />
      ),
    },
    {
      key: 'departments',
      header: t('canned.departments'),
      render: (x) =>
        x.departmentIds.length ? (
          <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
            {x.departmentIds.map((id) => (
              <Chip key={id} size="small" label={<UserText>{depName.get(id) ?? id}</UserText>} />
            ))}
          </Stack>
        ) : (
          t('canned.allDepartments')
        ),
    },
  ];
  return (
    <AdminPage
      title={t('canned.title')}
      intro={manager ? t('canned.introManager') : t('canned.intro')}
      createLabel={t('canned.new')}
      onCreate={() => setEditing('new')}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
        <SearchField label={t('canned.search')} onSearch={search} testId="canned-page-search" />
        <ToggleButtonGroup
          exclusive
          size="small"
          value={scope}
          onChange={(_, v: Scope | null) => {
            if (v) {
              setScope(v);
              setPage(1);
            }
          }}
          aria-label={t('canned.scope')}
        >
          <ToggleButton value="all">{t('canned.scopeAll')}</ToggleButton>
          <ToggleButton value="shared">{t('canned.shared')}</ToggleButton>
          <ToggleButton value="personal">{t('canned.personal')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={q ? t('admin.common.noResults') : t('canned.empty')}
              hint={q ? t('admin.common.noResultsHint') : t('canned.emptyHint')}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(x) => x.id}
              rowName={(x) => x.title}
              caption={t('canned.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
              canDelete={(x) => x.canEdit}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
      {editing && (
        <CannedResponseDialog
          response={editing === 'new' ? null : editing}
          manager={manager}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.title ?? null}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteCannedResponse', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
