import { useState } from 'react';
import { Chip, IconButton, Stack, Switch, Tooltip, Typography } from '@mui/material';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import History from '@mui/icons-material/History';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { isAdmin, useMe } from '../../../app/session';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { UserText } from '../../../ui/UserText';
import { AdminPage } from '../AdminPage';
import { ConfirmDelete } from '../ConfirmDelete';
import { CrudTable, type Column } from '../CrudTable';
import { useDepartmentsLookup, useStaffLookup } from '../lookups';
import { Notice, useNotice } from '../Notice';
import { keyOf, TRIGGERS_KEY, type Trigger } from './model';
import { TriggerDialog } from './TriggerDialog';
import type { TriggerLookups } from './TriggerEditors';
import { TriggerRunsDialog } from './TriggerRunsDialog';

/** K7: the workspace's triggers in running order, for administrators. */
export default function TriggersPage() {
  const me = useMe().data;
  if (!isAdmin(me)) return <ForbiddenPage />;
  return <Triggers />;
}

function useLookups(): TriggerLookups {
  const departments = useDepartmentsLookup();
  const staff = useStaffLookup();
  const tags = useQuery({
    queryKey: ['admin', 'tags', 'all'],
    queryFn: ({ signal }) => call('listTags', { query: { pageSize: 100 }, signal }),
  });
  const types = useQuery({
    queryKey: ['admin', 'ticket-types'],
    queryFn: ({ signal }) => call('listTicketTypes', { signal }),
  });
  const webhooks = useQuery({
    queryKey: ['admin', 'webhooks', 'all'],
    queryFn: ({ signal }) => call('listWebhooks', { query: { pageSize: 100 }, signal }),
  });
  const pick = (items: Array<{ id: string; name: string }> | undefined) =>
    (items ?? []).map(({ id, name }) => ({ id, name }));
  return {
    departments: pick(departments.data?.items),
    agents: (staff.data ?? []).map((u) => ({ id: u.id, name: u.name || u.username })),
    tags: pick(tags.data?.items),
    types: pick(types.data?.items),
    webhooks: (webhooks.data?.items ?? []).map((w) => ({ id: w.id, name: w.description || w.url })),
  };
}

function Triggers() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const list = useQuery({
    queryKey: TRIGGERS_KEY,
    queryFn: ({ signal }) => call('listTriggers', { query: { pageSize: 100 }, signal }),
  });
  const lookups = useLookups();
  const [editing, setEditing] = useState<Trigger | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Trigger | null>(null);
  const [logOf, setLogOf] = useState<Trigger | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: TRIGGERS_KEY });
  const triggers = list.data?.items ?? [];
  const nextPosition = triggers.length ? Math.max(...triggers.map((x) => x.position)) + 1 : 0;

  // Reordering numbers the list 0, 1, 2… and saves only the positions that change.
  const reorder = useMutation({
    mutationFn: async ({ from, to }: { from: number; to: number }) => {
      const next = [...triggers];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      for (const [i, x] of next.entries())
        if (x.position !== i) await call('updateTrigger', { path: { id: x.id }, body: { position: i } });
    },
    onSettled: refresh,
    onError: () => n.fail(t('admin.triggers.reorderFailed')),
  });
  const toggle = useMutation({
    mutationFn: (x: Trigger) => call('updateTrigger', { path: { id: x.id }, body: { active: !x.active } }),
    onSettled: refresh,
    onError: () => n.fail(t('errors.generic')),
  });

  const columns: Column<Trigger>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (x) => (
        <Stack>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            <UserText>{x.name}</UserText>
          </Typography>
          <Typography variant="caption" color="text.secondary" component="span">
            {t(`admin.triggers.events.${keyOf(x.event)}`)}
          </Typography>
        </Stack>
      ),
    },
    {
      key: 'conditions',
      header: t('admin.triggers.conditions'),
      render: (x) =>
        x.conditions.length
          ? x.conditions.map((c) => t(`admin.triggers.fields.${keyOf(c.field)}`)).join(t('center.separator'))
          : t('admin.triggers.always'),
    },
    {
      key: 'actions',
      header: t('admin.triggers.actionsTitle'),
      render: (x) => x.actions.map((a) => t(`admin.triggers.actions.${String(a.kind)}`)).join(t('center.separator')),
    },
    {
      key: 'active',
      header: t('admin.common.state'),
      render: (x) => (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Switch
            size="small"
            checked={x.active}
            disabled={toggle.isPending}
            onChange={() => toggle.mutate(x)}
            slotProps={{ input: { 'aria-label': t('admin.triggers.activeOf', { name: x.name }) } }}
            data-testid={`trigger-toggle-${x.id}`}
          />
          <Chip
            size="small"
            variant="outlined"
            color={x.active ? 'success' : 'default'}
            label={x.active ? t('admin.common.active') : t('admin.common.inactive')}
          />
        </Stack>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.triggers.title')}
      intro={t('admin.triggers.intro')}
      createLabel={t('admin.triggers.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.triggers.empty')} hint={t('admin.triggers.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(x) => x.id}
              rowName={(x) => x.name}
              caption={t('admin.triggers.title')}
              onEdit={(x) => setEditing(x)}
              onDelete={(x) => setDeleting(x)}
              extraActions={(x) => {
                const i = data.items.indexOf(x);
                return (
                  <>
                    <Tooltip title={t('admin.triggers.moveUp')}>
                      <span>
                        <IconButton
                          size="small"
                          disabled={i === 0 || reorder.isPending}
                          onClick={() => reorder.mutate({ from: i, to: i - 1 })}
                          aria-label={t('admin.triggers.moveUpItem', { name: x.name })}
                          data-testid={`trigger-up-${x.id}`}
                        >
                          <ArrowUpward fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                    <Tooltip title={t('admin.triggers.moveDown')}>
                      <span>
                        <IconButton
                          size="small"
                          disabled={i === data.items.length - 1 || reorder.isPending}
                          onClick={() => reorder.mutate({ from: i, to: i + 1 })}
                          aria-label={t('admin.triggers.moveDownItem', { name: x.name })}
                          data-testid={`trigger-down-${x.id}`}
                        >
                          <ArrowDownward fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                    <Tooltip title={t('admin.triggers.runs')}>
                      <IconButton
                        size="small"
                        onClick={() => setLogOf(x)}
                        aria-label={t('admin.triggers.runsOf', { name: x.name })}
                        data-testid={`trigger-runs-${x.id}`}
                      >
                        <History fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </>
                );
              }}
            />
          )
        }
      </QueryView>
      <Typography variant="caption" color="text.secondary">
        {t('admin.triggers.orderHint', { n: f.number(triggers.length) })}
      </Typography>
      {editing && (
        <TriggerDialog
          trigger={editing === 'new' ? null : editing}
          nextPosition={nextPosition}
          lookups={lookups}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            void refresh();
            n.ok(created ? t('admin.triggers.created') : t('admin.common.savedNotice'));
          }}
        />
      )}
      {logOf && <TriggerRunsDialog trigger={logOf} onClose={() => setLogOf(null)} />}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.triggers.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteTrigger', { path: { id: deleting!.id } })}
        onDone={() => (void refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
