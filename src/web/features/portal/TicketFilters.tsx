import { useEffect, useState, type FormEvent } from 'react';
import {
  Badge,
  Box,
  Button,
  Collapse,
  Grid,
  IconButton,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import Search from '@mui/icons-material/Search';
import FilterList from '@mui/icons-material/FilterList';
import { useTranslation } from 'react-i18next';
import { DateField, rangeLimits } from '../../ui/DateField';
import { useFormat } from '../../ui/format';
import { PRIORITIES, STATUSES } from '../../ui/ticket-bits';
import { autoDirInput, UserText } from '../../ui/UserText';
import { activeFilterCount, SORTS, type ListFilters, type Sort } from './listParams';
import { useDepartments, useTicketTypes } from './lookups';

interface Props {
  filters: ListFilters;
  update: (patch: Partial<ListFilters>) => void;
  clear: () => void;
}

function MultiSelect({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string[];
  options: { value: string; label: string }[];
  onChange: (v: string[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const names = new Map(options.map((o) => [o.value, o.label]));
  return (
    <TextField
      select
      fullWidth
      size="small"
      label={label}
      value={value}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value as unknown as string[])}
      slotProps={{
        select: {
          multiple: true,
          renderValue: (v) => (v as string[]).map((x) => names.get(x) ?? x).join(t('portal.list.joiner')),
        },
      }}
    >
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          <UserText>{o.label}</UserText>
        </MenuItem>
      ))}
    </TextField>
  );
}

/** D3: search, sort and every filter of the customer's list; text fields apply on submit. */
export function TicketFilters({ filters, update, clear }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const departments = useDepartments();
  const types = useTicketTypes();
  const [q, setQ] = useState(filters.q);
  const [email, setEmail] = useState(filters.email);
  const count = activeFilterCount(filters) - (filters.q ? 1 : 0);
  // "To" never before "from": each end refuses a day on the wrong side of the other.
  const range = rangeLimits(filters.createdFrom, filters.createdTo, t, f.dayNumeric);
  const [open, setOpen] = useState(count > 0);
  // Follow the address when it changes from outside (back button, "clear").
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setEmail(filters.email), [filters.email]);

  function submit(e: FormEvent) {
    e.preventDefault();
    update({ q: q.trim(), email: email.trim() });
  }

  return (
    <Box component="form" role="search" onSubmit={submit} aria-label={t('portal.list.filtersLabel')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }}>
        <TextField
          fullWidth
          size="small"
          label={t('portal.list.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="tickets-search"
          slotProps={{
            htmlInput: { ...autoDirInput, maxLength: 200 },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton type="submit" edge="end" aria-label={t('common.search')}>
                    <Search />
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
        <TextField
          select
          size="small"
          label={t('portal.list.sort')}
          value={filters.sort}
          onChange={(e) => update({ sort: e.target.value as Sort })}
          sx={{ minWidth: { sm: 240 } }}
          data-testid="tickets-sort"
        >
          {SORTS.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`portal.list.sorts.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" spacing={1}>
          <Button
            variant="outlined"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls="ticket-filters"
            sx={{ whiteSpace: 'nowrap' }}
            startIcon={
              <Badge badgeContent={f.number(count)} invisible={!count} color="primary">
                <FilterList />
              </Badge>
            }
          >
            {t('portal.list.filters')}
          </Button>
          {activeFilterCount(filters) > 0 && (
            <Button onClick={clear} sx={{ whiteSpace: 'nowrap' }} data-testid="tickets-clear">
              {t('portal.list.clear')}
            </Button>
          )}
        </Stack>
      </Stack>
      <Collapse in={open} id="ticket-filters">
        <Grid container spacing={1.5} sx={{ pt: 2 }}>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <MultiSelect
              label={t('portal.list.status')}
              value={filters.status}
              onChange={(status) => update({ status })}
              options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              testId="filter-status"
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <MultiSelect
              label={t('portal.list.priority')}
              value={filters.priority}
              onChange={(priority) => update({ priority })}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <MultiSelect
              label={t('portal.list.department')}
              value={filters.departmentId}
              onChange={(departmentId) => update({ departmentId })}
              options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <TextField
              select
              fullWidth
              size="small"
              label={t('portal.list.type')}
              value={filters.typeId}
              onChange={(e) => update({ typeId: e.target.value })}
            >
              <MenuItem value="">{t('common.all')}</MenuItem>
              {(types.data?.items ?? []).map((ty) => (
                <MenuItem key={ty.id} value={ty.id}>
                  <UserText>{ty.name}</UserText>
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <DateField
              label={t('portal.list.createdFrom')}
              value={filters.createdFrom || null}
              onChange={(v) => update({ createdFrom: v ?? '' })}
              {...range.from}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <DateField
              label={t('portal.list.createdTo')}
              value={filters.createdTo || null}
              onChange={(v) => update({ createdTo: v ?? '' })}
              {...range.to}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <TextField
              fullWidth
              size="small"
              type="email"
              label={t('portal.list.email')}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              onBlur={() => email.trim() !== filters.email && update({ email: email.trim() })}
              slotProps={{ htmlInput: { dir: 'ltr', maxLength: 254 } }}
            />
          </Grid>
        </Grid>
      </Collapse>
    </Box>
  );
}
