import { useState } from 'react';
import { Stack, Tab, Tabs, Typography } from '@mui/material';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, usePaging, type Column } from './CrudTable';
import { GroupDialog } from './GroupDialog';
import { Notice, useNotice } from './Notice';
import { SearchField } from './SearchField';
import type { Group } from './types';
import { UserText } from '../../ui/UserText';

type Kind = Group['kind'];

/** A10: customer groups and agent groups with their members. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('customer');
  const { q, search, page, pageSize, setPage, paging } = usePaging();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const n = useNotice();
  const list = useQuery({
    queryKey: ['admin', 'groups', { kind, q, page, pageSize }],
    queryFn: () => call('listGroups', { query: { kind, q, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'groups'] });
    void qc.invalidateQueries({ queryKey: ['admin', 'users'] });
  };

  const columns: Column<Group>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (g) => (
        <Stack>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{g.name}</UserText>
          </Typography>
          {g.description && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{g.description}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    { key: 'members', header: t('admin.groups.members'), render: (g) => f.number(g.memberIds.length), align: 'center' },
    { key: 'updated', header: t('admin.common.updated'), render: (g) => f.date(g.updatedAt) },
  ];

  return (
    <AdminPage
      title={t('admin.groups.title')}
      intro={t('admin.groups.intro')}
      createLabel={t(`admin.groups.new_${kind}`)}
      onCreate={() => setEditing('new')}
    >
      <Tabs
        value={kind}
        onChange={(_, v: Kind) => {
          setKind(v);
          setPage(1);
        }}
        aria-label={t('admin.groups.tabs')}
      >
        <Tab value="customer" label={t('admin.groups.tab_customer')} data-testid="groups-tab-customer" />
        <Tab value="agent" label={t('admin.groups.tab_agent')} data-testid="groups-tab-agent" />
      </Tabs>
      <SearchField label={t('admin.groups.search')} onSearch={search} />
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={q ? t('admin.common.noResults') : t(`admin.groups.empty_${kind}`)}
              hint={q ? t('admin.common.noResultsHint') : undefined}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(g) => g.id}
              rowName={(g) => g.name}
              caption={t(`admin.groups.tab_${kind}`)}
              onEdit={setEditing}
              onDelete={setDeleting}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
      {editing && (
        <GroupDialog
          group={editing === 'new' ? null : editing}
          kind={kind}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.groups.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteGroup', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
