import { Chip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { ScrollRow } from '../../../ui/ScrollRow';
import { filtersToParams, parseFilters, type CenterFilters } from './filters';

/** Preset views; each is a set of filters over the default queue. */
export const QUICK_VIEWS: Array<{ id: string; patch: Partial<CenterFilters> }> = [
  { id: 'queue', patch: {} },
  { id: 'mine', patch: { assignee: 'me' } },
  { id: 'unassigned', patch: { assignee: 'none', status: ['active'] } },
  { id: 'slaRisk', patch: { sla: 'warning' } },
  { id: 'pending', patch: { status: ['pending'] } },
  { id: 'closed', patch: { status: ['closed'] } },
  { id: 'all', patch: { status: [] } },
  { id: 'deleted', patch: { status: [], deleted: 'only' } },
];

/** The filters a preset yields, keeping the person's sort and page size. */
export function presetFilters(patch: Partial<CenterFilters>, current: CenterFilters): CenterFilters {
  return { ...parseFilters(new URLSearchParams()), ...patch, sort: current.sort, pageSize: current.pageSize };
}

export function QuickViews({
  filters,
  apply,
  canDelete,
}: {
  filters: CenterFilters;
  apply: (f: CenterFilters) => void;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  // "SLA at risk" only where SLA policies exist.
  const sla = useQuery({
    queryKey: ['sla-policies', { pageSize: 1 }],
    queryFn: ({ signal }) => call('listSlaPolicies', { query: { pageSize: 1 }, signal }),
    staleTime: 5 * 60_000,
  });
  const hasSla = (sla.data?.total ?? 0) > 0 || filters.sla !== '';
  const key = (f: CenterFilters) => filtersToParams({ ...f, page: 1 }).toString();
  const current = key(filters);
  return (
    // One row that scrolls sideways on a phone, its hidden end faded out.
    <ScrollRow
      component="nav"
      aria-label={t('center.quickViews')}
      data-testid="quick-views"
      sx={{ mb: { xs: 1, md: 2 } }}
    >
      {QUICK_VIEWS.filter((v) => (canDelete || v.id !== 'deleted') && (hasSla || v.id !== 'slaRisk')).map((v) => {
        const target = presetFilters(v.patch, filters);
        const on = key(target) === current;
        return (
          <Chip
            key={v.id}
            label={t(`center.view.${v.id}`)}
            color={on ? 'primary' : 'default'}
            variant={on ? 'filled' : 'outlined'}
            onClick={() => apply(target)}
            aria-pressed={on}
            data-testid={`quick-view-${v.id}`}
          />
        );
      })}
    </ScrollRow>
  );
}
