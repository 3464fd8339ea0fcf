import { useCallback, useState, type Ref } from 'react';
import { Badge, Box, Button, Collapse, MenuItem, Stack, TextField, useMediaQuery, useTheme } from '@mui/material';
import FilterList from '@mui/icons-material/FilterList';
import Search from '@mui/icons-material/Search';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { STATUSES } from '../../../ui/ticket-bits';
import { activeFilterCount, DEFAULT_SORT, DEFAULT_STATUS, SORTS, type CenterFilters, type Sort } from './filters';
import { DebouncedText } from './DebouncedText';
import { MoreFilters } from './MoreFilters';
import { visuallyHidden } from '../../../ui/visually-hidden';

export const sortLabelKey = (s: Sort) => `center.sort.${s.startsWith('-') ? `${s.slice(1)}Desc` : `${s}Asc`}`;

interface Props {
  filters: CenterFilters;
  update: (patch: Partial<CenterFilters>) => void;
  reset: () => void;
  searchRef: Ref<HTMLInputElement>;
}

/**
 * Search, status, sort, and the rest of the filters behind a button. On a phone only the search
 * and one "Filters" button (with the number of filters in use) take room above the list; the
 * rest opens below them.
 */
export function FilterBar({ filters, update, reset, searchRef }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('md'));
  const extra = activeFilterCount(filters);
  const [open, setOpen] = useState(extra > 0);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const setQ = useCallback((q: string) => update({ q }), [update]);
  const sameStatus =
    filters.status.length === DEFAULT_STATUS.length && DEFAULT_STATUS.every((s) => filters.status.includes(s));
  const inUse = extra + (sameStatus ? 0 : 1) + (filters.sort === DEFAULT_SORT ? 0 : 1);

  const search = (
    <DebouncedText
      label={t('center.search')}
      placeholder={t('center.searchHint')}
      value={filters.q}
      onCommit={setQ}
      testId="center-search"
      dir="auto"
      icon={<Search fontSize="small" />}
      inputRef={searchRef}
    />
  );
  const status = (
    <TextField
      select
      size="small"
      label={t('center.status')}
      value={filters.status}
      sx={{ flex: 1, minWidth: 160 }}
      onChange={(e) => {
        const v = e.target.value as unknown as string[] | string;
        update({ status: (typeof v === 'string' ? v.split(',') : v) as CenterFilters['status'] });
      }}
      slotProps={{
        select: {
          multiple: true,
          displayEmpty: true,
          renderValue: (v) =>
            (v as string[]).length
              ? (v as string[]).map((s) => t(`status.${s}`)).join(t('center.separator'))
              : t('center.anyStatus'),
        },
        inputLabel: { shrink: true },
      }}
      data-testid="filter-status"
    >
      {STATUSES.map((s) => (
        <MenuItem key={s} value={s}>
          {t(`status.${s}`)}
        </MenuItem>
      ))}
    </TextField>
  );
  const sort = (
    <TextField
      select
      size="small"
      label={t('center.sortBy')}
      value={filters.sort}
      onChange={(e) => update({ sort: e.target.value as Sort })}
      sx={{ flex: 1, minWidth: 180 }}
      data-testid="filter-sort"
    >
      {SORTS.map((s) => (
        <MenuItem key={s} value={s}>
          {t(sortLabelKey(s))}
        </MenuItem>
      ))}
    </TextField>
  );

  if (phone)
    return (
      <Box component="section" aria-label={t('center.filtersLabel')} sx={{ mb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>{search}</Box>
          <Button
            variant={phoneOpen ? 'contained' : 'outlined'}
            onClick={() => setPhoneOpen((o) => !o)}
            aria-expanded={phoneOpen}
            aria-controls="center-filters-panel"
            startIcon={
              <Badge
                badgeContent={inUse ? f.number(inUse) : undefined}
                invisible={!inUse}
                color="secondary"
                slotProps={{ badge: { 'aria-hidden': true } }}
              >
                <FilterList />
              </Badge>
            }
            sx={{ whiteSpace: 'nowrap', flexShrink: 0, minHeight: 40 }}
            data-testid="filter-toggle"
          >
            {t('center.filters')}
            {inUse > 0 && (
              <Box component="span" sx={visuallyHidden}>
                {` (${t('center.filtersInUse', { count: inUse, n: f.number(inUse) })})`}
              </Box>
            )}
          </Button>
        </Stack>
        <Collapse in={phoneOpen} id="center-filters-panel" unmountOnExit>
          <Stack spacing={1.5} sx={{ mt: 1.5 }}>
            {status}
            {sort}
          </Stack>
          <MoreFilters filters={filters} update={update} reset={reset} />
        </Collapse>
      </Box>
    );

  return (
    <Box component="section" aria-label={t('center.filtersLabel')} sx={{ mb: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'center' } }}>
        <Box sx={{ flex: 2, minWidth: 0 }}>{search}</Box>
        {status}
        {sort}
        <Button
          variant={open ? 'contained' : 'outlined'}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls="center-more-filters"
          startIcon={
            <Badge badgeContent={extra} color="secondary">
              <FilterList />
            </Badge>
          }
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
          data-testid="filter-more"
        >
          {t('center.moreFilters')}
        </Button>
      </Stack>
      <Collapse in={open} id="center-more-filters">
        <MoreFilters filters={filters} update={update} reset={reset} />
      </Collapse>
    </Box>
  );
}
