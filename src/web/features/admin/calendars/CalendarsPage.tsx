import { useState } from 'react';
import { Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import Edit from '@mui/icons-material/Edit';
import StarOutline from '@mui/icons-material/StarOutline';
import WarningAmber from '@mui/icons-material/WarningAmber';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { can, useMe } from '../../../app/session';
import { useFormat } from '../../../ui/format';
import { EmptyState, errorMessage, QueryView } from '../../../ui/states';
import { isolate, UserText } from '../../../ui/UserText';
import { AdminPage } from '../AdminPage';
import { ConfirmDelete } from '../ConfirmDelete';
import { CrudTable, type Column } from '../CrudTable';
import { useDepartmentsLookup } from '../lookups';
import { Notice, useNotice } from '../Notice';
import { CalendarDialog } from './CalendarDialog';
import { CALENDARS_KEY, weeklyMinutes, type Calendar } from './model';

/**
 * K2: the workspace's business calendars — the working week and the holidays that timers and
 * SLAs count by. The default one serves every department without a calendar of its own.
 * For admins and agents with settings.manage.
 */
export default function CalendarsPage() {
  const me = useMe().data;
  if (!can(me, 'settings.manage')) return <ForbiddenPage />;
  return <Calendars />;
}

function Calendars() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const list = useQuery({
    queryKey: CALENDARS_KEY,
    queryFn: ({ signal }) => call('listCalendars', { query: { pageSize: 100 }, signal }),
  });
  const departments = useDepartmentsLookup();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Calendar | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: CALENDARS_KEY });
  const makeDefault = useMutation({
    mutationFn: (c: Calendar) => call('updateCalendar', { path: { id: c.id }, body: { isDefault: true } }),
    onSuccess: (c) => {
      refresh();
      n.ok(t('admin.calendars.madeDefault', { name: isolate(c.name) }));
    },
    onError: (err) => n.fail(errorMessage(err, t('errors.generic'))),
  });
  const depts = departments.data?.items ?? [];
  const deptName = (id: string | null) => depts.find((d) => d.id === id)?.name;
  const calendars = list.data?.items ?? [];

  const columns: Column<Calendar>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (c) => (
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            <UserText>{c.name}</UserText>
          </Typography>
          {c.isDefault && (
            <Chip size="small" color="primary" label={t('admin.calendars.default')} data-testid="calendar-default" />
          )}
        </Stack>
      ),
    },
    {
      key: 'timezone',
      header: t('admin.calendars.timeZone'),
      render: (c) => <bdi dir="ltr">{c.timezone}</bdi>,
    },
    {
      key: 'department',
      header: t('admin.calendars.department'),
      render: (c) => {
        const name = deptName(c.departmentId);
        if (name) return <UserText>{name}</UserText>;
        return (
          <Typography variant="body2" component="span" color="text.secondary">
            {c.isDefault ? t('admin.calendars.allDepartments') : t('admin.calendars.noDepartment')}
          </Typography>
        );
      },
    },
    {
      key: 'hours',
      header: t('admin.calendars.weeklyHours'),
      render: (c) =>
        t('admin.calendars.hoursPerWeek', { n: f.number(Math.round((weeklyMinutes(c.week) / 60) * 10) / 10) }),
    },
    {
      key: 'holidays',
      header: t('admin.calendars.holidaysTitle'),
      render: (c) => {
        const open = c.holidays.filter((h) => !h.confirmed).length;
        return (
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <span>{f.number(c.holidays.length)}</span>
            {open > 0 && (
              <Chip
                size="small"
                color="warning"
                variant="outlined"
                icon={<WarningAmber />}
                label={t('admin.calendars.unconfirmedShort', { n: f.number(open) })}
              />
            )}
          </Stack>
        );
      },
    },
  ];

  const actions = (c: Calendar) => (
    <>
      {/* First, so that edit and delete stay in line on every row (the default has no star). */}
      {!c.isDefault && (
        <Tooltip title={t('admin.calendars.makeDefaultItem', { name: isolate(c.name) })}>
          <IconButton
            size="small"
            aria-label={t('admin.calendars.makeDefaultItem', { name: c.name })}
            aria-disabled={makeDefault.isPending || undefined}
            onClick={() => !makeDefault.isPending && makeDefault.mutate(c)}
            data-testid={`calendar-make-default-${c.id}`}
          >
            <StarOutline fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <Tooltip title={t('admin.common.editItem', { name: isolate(c.name) })}>
        <IconButton
          size="small"
          aria-label={t('admin.common.editItem', { name: c.name })}
          onClick={() => setEditing(c)}
          data-testid={`calendar-edit-${c.id}`}
        >
          <Edit fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* The default cannot be deleted: the button stays, focusable, and its tooltip says why. */}
      <Tooltip
        title={
          c.isDefault
            ? t('admin.calendars.cannotDeleteDefault')
            : t('admin.common.deleteItem', { name: isolate(c.name) })
        }
      >
        <IconButton
          size="small"
          aria-label={t('admin.common.deleteItem', { name: c.name })}
          aria-disabled={c.isDefault || undefined}
          aria-describedby={c.isDefault ? `calendar-no-delete-${c.id}` : undefined}
          onClick={() => !c.isDefault && setDeleting(c)}
          data-testid={`calendar-delete-${c.id}`}
          sx={c.isDefault ? { color: 'action.disabled', cursor: 'default' } : undefined}
        >
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Tooltip>
      {c.isDefault && (
        <span id={`calendar-no-delete-${c.id}`} hidden>
          {t('admin.calendars.cannotDeleteDefault')}
        </span>
      )}
    </>
  );

  return (
    <AdminPage
      title={t('admin.calendars.title')}
      intro={t('admin.calendars.intro')}
      createLabel={t('admin.calendars.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.calendars.empty')} hint={t('admin.calendars.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(c) => c.id}
              rowName={(c) => c.name}
              caption={t('admin.calendars.title')}
              extraActions={actions}
            />
          )
        }
      </QueryView>
      {editing && (
        <CalendarDialog
          calendar={editing === 'new' ? null : editing}
          departments={depts}
          takenDepartments={
            new Set(
              calendars
                .filter((c) => c.departmentId && (editing === 'new' || c.id !== editing.id))
                .map((c) => c.departmentId!),
            )
          }
          onClose={() => setEditing(null)}
          onChanged={refresh}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.calendars.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteCalendar', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
