import { useState, type ReactNode } from 'react';
import { Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { isAdmin, useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, errorMessage, QueryView } from '../../ui/states';
import { isolate, UserText } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { ConfirmDelete } from '../admin/ConfirmDelete';
import { CrudTable, type Column } from '../admin/CrudTable';
import { Notice, useNotice } from '../admin/Notice';
import { deleteDirectory, directoriesKey, updateDirectory, useDirectories, type Directory } from './api';
import { moved } from './reorder';
import { SyncSummary } from './SyncSummary';

/**
 * A5: the LDAP / Active Directory servers people sign in with, in the order sign-in tries them;
 * each with its people and its last sync. Admins only, as the API.
 */
export default function DirectoriesPage() {
  const me = useMe().data;
  if (!isAdmin(me)) return <ForbiddenPage />;
  return <DirectoriesList />;
}

function DirectoriesList() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const n = useNotice();
  const list = useDirectories();
  const [deleting, setDeleting] = useState<Directory | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: directoriesKey });

  // The new order shows at once; the positions that changed are written one by one.
  const move = useMutation({
    mutationFn: async ({ id, by }: { id: string; by: -1 | 1 }) => {
      const { order, changes } = moved(list.data ?? [], id, by);
      qc.setQueryData(directoriesKey, order);
      for (const c of changes) await updateDirectory(c.id, { position: c.position });
    },
    onError: (err) => n.fail(errorMessage(err, t('errors.generic'))),
    onSettled: refresh,
  });

  const columns: Column<Directory>[] = [
    {
      key: 'name',
      header: t('admin.directories.name'),
      render: (d) => (
        <Stack sx={{ minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{d.name}</UserText>
          </Typography>
          <Typography
            variant="caption"
            color="text.secondary"
            dir="ltr"
            sx={{ textAlign: 'start', overflowWrap: 'anywhere' }}
          >
            {d.url}
          </Typography>
        </Stack>
      ),
    },
    {
      key: 'people',
      header: t('admin.directories.people'),
      render: (d) => f.number(d.people),
    },
    {
      key: 'sync',
      header: t('admin.directories.lastSync'),
      render: (d) => <SyncSummary directory={d} />,
    },
    {
      key: 'state',
      header: t('admin.common.state'),
      render: (d) => (
        <Chip
          size="small"
          variant="outlined"
          color={d.active ? 'success' : 'default'}
          label={d.active ? t('admin.common.active') : t('admin.common.inactive')}
        />
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.directories.title')}
      intro={t('admin.directories.intro')}
      createLabel={t('admin.directories.new')}
      onCreate={() => void navigate('/admin/directories/new')}
    >
      <QueryView query={list} rows={3}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('admin.directories.empty')} hint={t('admin.directories.emptyHint')} />
          ) : (
            <CrudTable
              rows={items}
              columns={columns}
              getId={(d) => d.id}
              rowName={(d) => d.name}
              caption={t('admin.directories.title')}
              onEdit={(d) => void navigate(`/admin/directories/${d.id}`)}
              onDelete={setDeleting}
              extraActions={(d) => {
                const at = items.indexOf(d);
                return (
                  <>
                    <Arrow
                      ariaLabel={t('admin.directories.moveUp', { name: d.name })}
                      title={t('admin.directories.moveUp', { name: isolate(d.name) })}
                      disabled={at === 0 || move.isPending}
                      onClick={() => move.mutate({ id: d.id, by: -1 })}
                      testId={`directory-up-${d.id}`}
                      icon={<ArrowUpward fontSize="small" />}
                    />
                    <Arrow
                      ariaLabel={t('admin.directories.moveDown', { name: d.name })}
                      title={t('admin.directories.moveDown', { name: isolate(d.name) })}
                      disabled={at === items.length - 1 || move.isPending}
                      onClick={() => move.mutate({ id: d.id, by: 1 })}
                      testId={`directory-down-${d.id}`}
                      icon={<ArrowDownward fontSize="small" />}
                    />
                  </>
                );
              }}
            />
          )
        }
      </QueryView>
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.directories.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleteDirectory(deleting!.id)}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}

/** Up or down in the order; a disabled button keeps its place, so the others do not shift. */
function Arrow({
  ariaLabel,
  title,
  disabled,
  onClick,
  testId,
  icon,
}: {
  ariaLabel: string;
  title: string;
  disabled: boolean;
  onClick: () => void;
  testId: string;
  icon: ReactNode;
}) {
  return (
    <Tooltip title={title}>
      {/* The span lets the tooltip work while the button is disabled. */}
      <span>
        <IconButton size="small" aria-label={ariaLabel} disabled={disabled} onClick={onClick} data-testid={testId}>
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}
