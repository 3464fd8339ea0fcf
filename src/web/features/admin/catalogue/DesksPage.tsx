import { useEffect, useState } from 'react';
import { Chip, Link, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { call } from '../../../app/api';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { can, useMe } from '../../../app/session';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { UserText } from '../../../ui/UserText';
import { AdminPage } from '../AdminPage';
import { ConfirmDelete } from '../ConfirmDelete';
import { CrudTable, type Column } from '../CrudTable';
import { useDepartmentsLookup } from '../lookups';
import { Notice, useNotice } from '../Notice';
import { DeskDialog } from './DeskDialog';
import { DESKS_KEY, type Desk } from './model';
import { useDesks } from './queries';
import { RequestTypesPanel } from './RequestTypesPanel';

/**
 * E1: the service desks (each with a key that prefixes its requests' keys, SETIRAN-30) and, for
 * the desk chosen in the list (`?desk=`), its request types. For people with catalog.manage.
 */
export default function DesksPage() {
  const me = useMe().data;
  if (!can(me, 'catalog.manage')) return <ForbiddenPage />;
  return <Desks />;
}

function Desks() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const list = useDesks();
  const departments = useDepartmentsLookup();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Desk | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Desk | null>(null);
  const desks = list.data?.items ?? [];
  const chosenId = params.get('desk');
  const chosen = desks.find((d) => d.id === chosenId) ?? desks[0];
  const refresh = () => void qc.invalidateQueries({ queryKey: DESKS_KEY });
  const deptName = (id: string) => departments.data?.items.find((d) => d.id === id)?.name;

  // A desk that is no longer there (deleted, or a stale link) gives way to the first one.
  useEffect(() => {
    if (list.data && chosenId && !desks.some((d) => d.id === chosenId)) setParams({}, { replace: true });
  }, [list.data, chosenId, desks, setParams]);

  const columns: Column<Desk>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (d) => {
        const current = chosen?.id === d.id;
        return (
          <Stack>
            <Link
              component={RouterLink}
              to={`?desk=${d.id}`}
              replace
              aria-current={current ? 'true' : undefined}
              underline={current ? 'none' : 'hover'}
              data-testid={`desk-open-${d.id}`}
              sx={{ fontWeight: current ? 700 : 500, typography: 'body2' }}
            >
              <UserText>{d.name}</UserText>
            </Link>
            {d.description && (
              <Typography variant="caption" color="text.secondary">
                <UserText>{d.description}</UserText>
              </Typography>
            )}
          </Stack>
        );
      },
    },
    {
      key: 'key',
      header: t('admin.catalogue.deskKey'),
      render: (d) => (
        <bdi dir="ltr" style={{ fontFamily: 'monospace' }}>
          {d.key}
        </bdi>
      ),
    },
    {
      key: 'department',
      header: t('admin.catalogue.department'),
      render: (d) => <UserText>{deptName(d.departmentId) ?? '—'}</UserText>,
    },
    {
      key: 'visible',
      header: t('admin.catalogue.visibility'),
      render: (d) => (
        <Chip
          size="small"
          variant="outlined"
          color={d.visible ? 'success' : 'default'}
          label={d.visible ? t('admin.catalogue.visible') : t('admin.catalogue.hidden')}
        />
      ),
    },
    { key: 'position', header: t('admin.common.position'), render: (d) => f.number(d.position), align: 'center' },
  ];

  return (
    <AdminPage
      title={t('admin.catalogue.title')}
      intro={t('admin.catalogue.intro')}
      createLabel={t('admin.catalogue.newDesk')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.catalogue.emptyDesks')} hint={t('admin.catalogue.emptyDesksHint')} />
          ) : (
            <div data-testid="desks-list">
              <CrudTable
                rows={data.items}
                columns={columns}
                getId={(d) => d.id}
                rowName={(d) => d.name}
                caption={t('admin.catalogue.title')}
                onEdit={setEditing}
                onDelete={setDeleting}
              />
            </div>
          )
        }
      </QueryView>
      {chosen && <RequestTypesPanel desk={chosen} />}
      {editing && (
        <DeskDialog
          desk={editing === 'new' ? null : editing}
          departments={departments.data?.items ?? []}
          nextPosition={desks.length * 10}
          onClose={() => setEditing(null)}
          onSaved={(d, created) => {
            refresh();
            n.ok(t('admin.common.savedNotice'));
            if (created) setParams({ desk: d.id }, { replace: true });
          }}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.catalogue.deleteDeskHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteDesk', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
