import { useState, type ReactNode } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { can, useMe } from '../../../app/session';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { isolate, UserText } from '../../../ui/UserText';
import { SLA_TARGET_KEYS, workingSpan } from '../../sla/sla-time';
import { AdminPage } from '../AdminPage';
import { ConfirmDelete } from '../ConfirmDelete';
import { CrudTable, type Column } from '../CrudTable';
import { useDepartmentsLookup, useStaffLookup } from '../lookups';
import { Notice, useNotice } from '../Notice';
import { useCalendars, useRequestTypeOptions, useTicketTypesLookup } from './lookups';
import { SLA_POLICIES_KEY, type SlaPolicy } from './model';
import { SlaPolicyDialog, type SlaLookups } from './SlaPolicyDialog';

/**
 * E3: the workspace's SLA policies in matching order — the first whose conditions all hold
 * applies to a ticket — with their targets in working time. For settings.manage.
 */
export default function SlaPoliciesPage() {
  const me = useMe().data;
  if (!can(me, 'settings.manage')) return <ForbiddenPage />;
  return <SlaPolicies />;
}

/** One labelled line of a cell ("Departments: Sales, Support"). */
function Line({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Typography variant="body2" component="div" data-testid={testId}>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {label}
      </Box>{' '}
      {children}
    </Typography>
  );
}

function SlaPolicies() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const list = useQuery({
    queryKey: SLA_POLICIES_KEY,
    queryFn: ({ signal }) => call('listSlaPolicies', { query: { pageSize: 100 }, signal }),
  });
  const departments = useDepartmentsLookup();
  const staff = useStaffLookup();
  const calendars = useCalendars();
  const ticketTypes = useTicketTypesLookup();
  const requestTypes = useRequestTypeOptions();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicy | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: SLA_POLICIES_KEY });
    // Open tickets are recomputed on the server: lists and ticket pages read their new SLA.
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    void qc.invalidateQueries({ queryKey: ['ticket'] });
  };

  const lookups: SlaLookups = {
    departments: departments.data?.items ?? [],
    staff: staff.data ?? [],
    calendars: calendars.data?.items ?? [],
    ticketTypes: ticketTypes.data?.items ?? [],
    requestTypes: requestTypes.options,
  };
  const names = (ids: string[] | undefined, all: Array<{ id: string; name: string }>) =>
    (ids ?? []).map((id) => all.find((x) => x.id === id)?.name ?? `#${id}`).join(t('center.separator'));
  const calendarName = (id: string | null) =>
    id
      ? (lookups.calendars.find((c) => c.id === id)?.name ?? `#${id}`)
      : lookups.calendars.find((c) => c.isDefault)?.name;
  const policies = list.data?.items ?? [];
  const nextPosition = policies.length ? Math.max(...policies.map((p) => p.position)) + 1 : 1;

  const columns: Column<SlaPolicy>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (p) => (
        <Stack>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            <UserText>{p.name}</UserText>
          </Typography>
          <Typography variant="caption" color="text.secondary" component="span">
            {t('admin.sla.positionShort', { n: f.number(p.position) })}
          </Typography>
        </Stack>
      ),
    },
    {
      key: 'conditions',
      header: t('admin.sla.conditions'),
      render: (p) => {
        const c = p.conditions;
        const parts = [
          c.departmentIds?.length && (
            <Line key="d" label={t('admin.sla.departmentsShort')}>
              <UserText>{names(c.departmentIds, lookups.departments)}</UserText>
            </Line>
          ),
          c.priorities?.length && (
            <Line key="p" label={t('admin.sla.prioritiesShort')}>
              {c.priorities.map((x) => t(`priority.${x}`)).join(t('center.separator'))}
            </Line>
          ),
          c.requestTypeIds?.length && (
            <Line key="r" label={t('admin.sla.requestTypesShort')}>
              <UserText>{names(c.requestTypeIds, lookups.requestTypes)}</UserText>
            </Line>
          ),
          c.typeIds?.length && (
            <Line key="t" label={t('admin.sla.ticketTypesShort')}>
              <UserText>{names(c.typeIds, lookups.ticketTypes)}</UserText>
            </Line>
          ),
        ].filter(Boolean);
        return (
          <Box data-testid={`sla-conditions-${p.id}`}>
            {parts.length ? (
              parts
            ) : (
              <Typography variant="body2" color="text.secondary" component="span">
                {t('admin.sla.allTickets')}
              </Typography>
            )}
          </Box>
        );
      },
    },
    {
      key: 'targets',
      header: t('admin.sla.targetsColumn'),
      render: (p) => (
        <Box data-testid={`sla-targets-${p.id}`}>
          {SLA_TARGET_KEYS.filter((k) => p.targets[k]).map((k) => (
            <Line key={k} label={t('admin.sla.targetLabel', { target: t(`sla.target.${k}`) })}>
              {workingSpan(p.targets[k]!, t, f.number)}
            </Line>
          ))}
          {calendarName(p.calendarId) && (
            <Typography variant="caption" color="text.secondary" component="div">
              {t('admin.sla.byCalendar', { name: isolate(calendarName(p.calendarId)!) })}
            </Typography>
          )}
        </Box>
      ),
    },
    {
      key: 'warn',
      header: t('admin.sla.warnBefore'),
      render: (p) =>
        p.warnBefore ? (
          workingSpan(p.warnBefore, t, f.number)
        ) : (
          <Typography variant="body2" color="text.secondary" component="span">
            {t('admin.sla.noWarning')}
          </Typography>
        ),
    },
    {
      key: 'pause',
      header: t('admin.sla.pauseColumn'),
      render: (p) => (p.pauseWhilePending ? t('admin.sla.pauses') : t('admin.sla.keepsRunning')),
    },
  ];

  return (
    <AdminPage
      title={t('admin.sla.title')}
      intro={t('admin.sla.intro')}
      createLabel={t('admin.sla.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.sla.empty')} hint={t('admin.sla.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(p) => p.id}
              rowName={(p) => p.name}
              caption={t('admin.sla.title')}
              onEdit={(p) => setEditing(p)}
              onDelete={(p) => setDeleting(p)}
            />
          )
        }
      </QueryView>
      {editing && (
        <SlaPolicyDialog
          policy={editing === 'new' ? null : editing}
          nextPosition={nextPosition}
          lookups={lookups}
          onClose={() => setEditing(null)}
          onSaved={(_p, created) => {
            setEditing(null);
            refresh();
            n.ok(created ? t('admin.sla.created') : t('admin.common.savedNotice'));
          }}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.sla.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteSlaPolicy', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
