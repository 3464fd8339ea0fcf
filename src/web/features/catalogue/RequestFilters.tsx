import { MenuItem, Stack, TextField } from '@mui/material';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { isolate, UserText } from '../../ui/UserText';
import { requestTypesKey, type Desk } from './queries';
import type { RequestFiltersState } from './request-list-params';

/**
 * "My requests"' filters: a desk ("any desk") and a request type ("any request type") — the
 * types of the chosen desk, or of every desk when none is chosen.
 */
export function RequestFilters({
  desks,
  filters,
  update,
}: {
  desks: Desk[];
  filters: RequestFiltersState;
  update: (next: Partial<RequestFiltersState>) => void;
}) {
  const { t } = useTranslation();
  const shown = filters.deskId ? desks.filter((d) => d.id === filters.deskId) : desks;
  const lists = useQueries({
    queries: shown.map((d) => ({
      queryKey: requestTypesKey(d.id),
      staleTime: 5 * 60_000,
      queryFn: () => call('listRequestTypes', { path: { id: d.id }, query: { pageSize: 100 } }),
    })),
  });
  const types = lists.flatMap((q) => q.data?.items ?? []);
  const many = shown.length > 1;
  const deskName = (id: string) => desks.find((d) => d.id === id)?.name ?? '';

  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <TextField
        select
        size="small"
        label={t('catalogue.requests.desk')}
        value={filters.deskId}
        onChange={(e) => update({ deskId: e.target.value, requestTypeId: '' })}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 200 }}
        data-testid="requests-desk"
      >
        <MenuItem value="">{t('catalogue.requests.anyDesk')}</MenuItem>
        {desks.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('catalogue.requests.type')}
        value={types.some((rt) => rt.id === filters.requestTypeId) ? filters.requestTypeId : ''}
        onChange={(e) => update({ requestTypeId: e.target.value })}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 240 }}
        data-testid="requests-type"
      >
        <MenuItem value="">{t('catalogue.requests.anyType')}</MenuItem>
        {types.map((rt) => (
          <MenuItem key={rt.id} value={rt.id}>
            {many ? (
              t('catalogue.requests.typeInDesk', { type: isolate(rt.name), desk: isolate(deskName(rt.deskId)) })
            ) : (
              <UserText>{rt.name}</UserText>
            )}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
