import { Chip, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useUrlParams } from './useUrlParams';
import { call, type ItemOf } from '../../app/api';
import { DATE_ONLY, useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { UserText } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { CrudTable, type Column } from '../admin/CrudTable';
import { Notice, useNotice } from '../admin/Notice';
import { SearchField } from '../admin/SearchField';
import { STATE_COLORS, STATES, type WorkspaceState } from './operator-api';
import { WorkspaceActions } from './WorkspaceActions';

type Workspace = ItemOf<'listOperatorWorkspaces'>;

/** Every workspace of the platform: search, state, usage, revenue, credit; suspend, resume, grant credit. */
export default function WorkspacesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const n = useNotice();
  const { params, page, pageSize, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const state = (STATES as readonly string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as WorkspaceState)
    : undefined;

  const list = useQuery({
    queryKey: ['operator', 'workspaces', { q, state, page, pageSize }],
    queryFn: ({ signal }) =>
      call('listOperatorWorkspaces', { query: { q: q || undefined, state, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const toman = (v: number) => t('credit.toman', { n: f.number(v) });

  const columns: Column<Workspace>[] = [
    {
      key: 'name',
      header: t('operator.workspaces.workspace'),
      render: (w) => (
        <Stack sx={{ alignItems: 'flex-start', minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{w.name}</UserText>
          </Typography>
          <Typography variant="caption" color="text.secondary" dir="ltr">
            {w.slug}
          </Typography>
          {w.ownerMobile && (
            <Typography variant="caption" color="text.secondary" dir="ltr">
              {f.digits(w.ownerMobile)}
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'plan',
      header: t('operator.workspaces.plan'),
      render: (w) => (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          {w.plan ? <UserText>{w.plan.name}</UserText> : t('operator.workspaces.noPlan')}
          {w.state && (
            <Chip
              size="small"
              variant="outlined"
              color={STATE_COLORS[w.state]}
              label={t(`billing.states.${w.state}`)}
              data-testid={`operator-state-${w.id}`}
            />
          )}
          {w.endsAt && !w.endsAt.startsWith('9999-') && (
            <Typography variant="caption" color="text.secondary">
              {t('operator.workspaces.until', { date: f.date(w.endsAt, DATE_ONLY) })}
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'usage',
      header: t('operator.workspaces.usage'),
      render: (w) => (
        <Typography variant="body2" component="div" sx={{ whiteSpace: 'nowrap' }}>
          {(['agents', 'customers', 'departments', 'tickets'] as const).map((k) => (
            <div key={k}>{t(`operator.workspaces.count.${k}`, { n: f.number(w.usage[k]) })}</div>
          ))}
        </Typography>
      ),
    },
    { key: 'revenue', header: t('operator.workspaces.revenue'), render: (w) => toman(w.revenue) },
    { key: 'credit', header: t('operator.workspaces.credit'), render: (w) => toman(w.credit) },
    {
      key: 'created',
      header: t('admin.common.created'),
      render: (w) => f.date(w.createdAt, DATE_ONLY),
    },
  ];

  return (
    <AdminPage title={t('operator.workspaces.title')} intro={t('operator.workspaces.intro')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} role="search" aria-label={t('operator.filters')}>
        <SearchField
          label={t('operator.workspaces.search')}
          initial={q}
          onSearch={(v) => update({ q: v || null, page: null })}
          testId="operator-search"
        />
        <TextField
          select
          size="small"
          label={t('operator.workspaces.state')}
          value={state ?? ''}
          onChange={(e) => update({ state: e.target.value || null, page: null })}
          sx={{ minWidth: 180 }}
          slotProps={{
            select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'operator-state-filter' } as object },
            inputLabel: { shrink: true },
          }}
        >
          <MenuItem value="">{t('common.all')}</MenuItem>
          {STATES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`billing.states.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <QueryView query={list} rows={5}>
        {(data) => (
          <>
            <Paper variant="outlined" sx={{ px: 2, py: 1.5 }} data-testid="operator-totals">
              <Typography variant="body2">
                {t('operator.workspaces.totals', {
                  count: data.totals.workspaces,
                  n: f.number(data.totals.workspaces),
                  revenue: toman(data.totals.revenue),
                })}
              </Typography>
            </Paper>
            {data.items.length === 0 ? (
              <EmptyState
                title={q || state ? t('admin.common.noResults') : t('operator.workspaces.empty')}
                hint={q || state ? t('admin.common.noResultsHint') : undefined}
              />
            ) : (
              <CrudTable
                rows={data.items}
                columns={columns}
                getId={(w) => w.id}
                rowName={(w) => w.name}
                caption={t('operator.workspaces.title')}
                extraActions={(w) => <WorkspaceActions ws={w} onDone={n.ok} />}
                paging={{
                  page,
                  pageSize,
                  total: data.total,
                  onPage: (p) => update({ page: p > 1 ? String(p) : null }),
                  onPageSize: (s) => update({ pageSize: String(s), page: null }),
                }}
              />
            )}
          </>
        )}
      </QueryView>
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
