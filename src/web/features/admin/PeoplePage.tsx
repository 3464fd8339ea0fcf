import { useState } from 'react';
import { Chip, Stack, Tab, Tabs, Typography } from '@mui/material';
import { AwayChip } from '../../ui/AwayChip';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { can, useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, type Column } from './CrudTable';
import { useAccessLevelsLookup, useDepartmentsLookup } from './lookups';
import { Notice, useNotice } from './Notice';
import { PersonDialog } from './PersonDialog';
import { SearchField } from './SearchField';
import { TicketAccessSwitch } from './TicketAccessSwitch';
import type { User } from './types';
import { UserText } from '../../ui/UserText';

type Role = User['role'];

/** A1, A7: agents, customers and admins: search, paging, create, edit, delete, ticket access. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe().data!;
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tabs: Role[] = can(me, 'users.manage') ? ['agent', 'customer', 'admin'] : ['customer'];
  const role = tabs.includes(params.get('role') as Role) ? (params.get('role') as Role) : tabs[0];
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || 25;
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const n = useNotice();

  const update = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next))
          if (v) n.set(k, v);
          else n.delete(k);
        return n;
      },
      { replace: true },
    );

  const users = useQuery({
    queryKey: ['admin', 'users', { role, q, page, pageSize }],
    queryFn: () => call('listUsers', { query: { role, q, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const departments = useDepartmentsLookup();
  const levels = useAccessLevelsLookup();
  const deptName = (id: string) => departments.data?.items.find((d) => d.id === id)?.name ?? id;
  const levelName = (id: string | null) => (id ? (levels.data?.items.find((l) => l.id === id)?.name ?? '') : '');

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('admin.people.person'),
      render: (u) => (
        <Stack sx={{ alignItems: 'flex-start' }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{u.name || u.username}</UserText>
            {u.away && <AwayChip until={u.awayUntil} />}
          </Typography>
          <Typography variant="caption" color="text.secondary" dir="ltr">
            {u.username}
          </Typography>
        </Stack>
      ),
    },
    {
      key: 'contact',
      header: t('admin.people.contact'),
      render: (u) => (
        <Stack sx={{ alignItems: 'flex-start', minWidth: 0 }}>
          {u.email && (
            <Typography variant="body2" dir="ltr" sx={{ overflowWrap: 'anywhere' }}>
              {u.email}
            </Typography>
          )}
          {u.alternateEmails.length > 0 && (
            <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {t('admin.people.alsoEmails', {
                list: u.alternateEmails.map((a) => `\u2068${a}\u2069`).join(t('ticket.listSeparator')),
              })}
            </Typography>
          )}
          {u.mobile && (
            <Typography variant="body2" dir="ltr">
              {f.digits(u.mobile)}
            </Typography>
          )}
          {!u.email && !u.mobile && (
            <Typography variant="body2" color="text.secondary">
              —
            </Typography>
          )}
        </Stack>
      ),
    },
    ...(role === 'customer'
      ? [
          {
            key: 'access',
            header: t('admin.people.ticketAccess'),
            render: (u: User) => <TicketAccessSwitch user={u} onError={n.fail} />,
          },
        ]
      : [
          {
            key: 'departments',
            header: t('admin.people.departments'),
            render: (u: User) => (
              <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
                {u.departmentIds.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    —
                  </Typography>
                ) : (
                  u.departmentIds.map((id) => (
                    <Chip key={id} size="small" label={<UserText>{deptName(id)}</UserText>} />
                  ))
                )}
              </Stack>
            ),
          },
          ...(role === 'agent'
            ? [
                {
                  key: 'level',
                  header: t('admin.people.accessLevel'),
                  render: (u: User) =>
                    levelName(u.accessLevelId) ? (
                      <UserText>{levelName(u.accessLevelId)}</UserText>
                    ) : (
                      t('admin.people.noLevel')
                    ),
                },
              ]
            : []),
        ]),
    {
      key: 'active',
      header: t('admin.people.state'),
      render: (u) => (
        <Chip
          size="small"
          variant="outlined"
          color={u.active ? 'success' : 'default'}
          label={u.active ? t('admin.common.active') : t('admin.common.inactive')}
        />
      ),
    },
    {
      key: 'lastLogin',
      header: t('admin.people.lastLogin'),
      render: (u) => (u.lastLoginAt ? f.date(u.lastLoginAt) : t('admin.people.never')),
    },
  ];

  return (
    <AdminPage
      title={t('admin.people.title')}
      intro={t('admin.people.intro')}
      createLabel={t(`admin.people.new_${role}`)}
      onCreate={() => setEditing('new')}
    >
      {tabs.length > 1 && (
        <Tabs
          value={role}
          onChange={(_, v: Role) => update({ role: v, page: null })}
          variant="scrollable"
          allowScrollButtonsMobile
          aria-label={t('admin.people.tabs')}
        >
          {tabs.map((r) => (
            <Tab key={r} value={r} label={t(`admin.people.tab_${r}`)} data-testid={`people-tab-${r}`} />
          ))}
        </Tabs>
      )}
      <SearchField
        key={role}
        label={t('admin.people.search')}
        initial={q}
        onSearch={(v) => update({ q: v || null, page: null })}
        testId="people-search"
      />
      <QueryView query={users} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={q ? t('admin.common.noResults') : t(`admin.people.empty_${role}`)}
              hint={q ? t('admin.common.noResultsHint') : undefined}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(u) => u.id}
              rowName={(u) => u.name || u.username}
              caption={t(`admin.people.tab_${role}`)}
              onEdit={setEditing}
              onDelete={setDeleting}
              canDelete={(u) => u.id !== me.user.id}
              paging={{
                page,
                pageSize,
                total: data.total,
                onPage: (p) => update({ page: String(p) }),
                onPageSize: (s) => update({ pageSize: String(s), page: null }),
              }}
            />
          )
        }
      </QueryView>
      {editing && (
        <PersonDialog
          person={editing === 'new' ? null : editing}
          defaultRole={role}
          onClose={() => setEditing(null)}
          onSaved={() => n.ok(t('admin.common.savedNotice'))}
        />
      )}
      <ConfirmDelete
        name={deleting ? deleting.name || deleting.username : null}
        hint={t('admin.people.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteUser', { path: { id: deleting!.id } })}
        onDone={() => {
          void qc.invalidateQueries({ queryKey: ['admin', 'users'] });
          void qc.invalidateQueries({ queryKey: ['admin', 'user-search'] });
          n.ok(t('admin.common.deletedNotice'));
        }}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
