import { useCallback, type ReactNode } from 'react';
import { Box, Button, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DateField, rangeLimits } from '../../../ui/DateField';
import { useFormat } from '../../../ui/format';
import { PRIORITIES } from '../../../ui/ticket-bits';
import { UserText } from '../../../ui/UserText';
import type { CenterFilters } from './filters';
import { DebouncedText } from './DebouncedText';
import { useDepartments, useStaff, useTags, useTicketTypes } from './lookups';

interface Props {
  filters: CenterFilters;
  update: (patch: Partial<CenterFilters>) => void;
  reset: () => void;
}

const asArray = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : (v as string[]));

/** A single choice among "any" and a list, as a select. */
function Pick({
  label,
  value,
  onChange,
  children,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size="small"
      fullWidth
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      data-testid={testId}
    >
      <MenuItem value="">{t('center.any')}</MenuItem>
      {children}
    </TextField>
  );
}

export function MoreFilters({ filters, update, reset }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const types = useTicketTypes();
  const tags = useTags();
  const staff = useStaff();
  const setEmail = useCallback((email: string) => update({ email }), [update]);
  const f = useFormat();
  // "To" never before "from": each end refuses a day on the wrong side of the other.
  const range = rangeLimits(filters.from, filters.to, t, f.dayNumeric);
  const names = (ids: string[], list: Array<{ id: string; name: string }> | undefined) =>
    ids.map((id) => list?.find((d) => d.id === id)?.name ?? id).join(t('center.separator'));
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: 'repeat(4, 1fr)' }, gap: 1.5, pt: 2 }}
    >
      <TextField
        select
        size="small"
        label={t('center.priority')}
        value={filters.priority}
        onChange={(e) => update({ priority: asArray(e.target.value) as CenterFilters['priority'] })}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (v) =>
              (v as string[]).length
                ? (v as string[]).map((p) => t(`priority.${p}`)).join(t('center.separator'))
                : t('center.any'),
          },
          inputLabel: { shrink: true },
        }}
      >
        {PRIORITIES.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`priority.${p}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('center.department')}
        value={filters.departmentId}
        onChange={(e) => update({ departmentId: asArray(e.target.value) })}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (v) =>
              (v as string[]).length ? names(v as string[], departments.data?.items) : t('center.any'),
          },
          inputLabel: { shrink: true },
        }}
        data-testid="filter-department"
      >
        {(departments.data?.items ?? []).map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <Pick
        label={t('center.assignee')}
        value={filters.assignee}
        onChange={(assignee) => update({ assignee })}
        testId="filter-assignee"
      >
        <MenuItem value="me">{t('center.assigneeMe')}</MenuItem>
        <MenuItem value="none">{t('center.assigneeNone')}</MenuItem>
        {(staff.data ?? []).map((u) => (
          <MenuItem key={u.id} value={u.id}>
            <UserText>{u.name}</UserText>
          </MenuItem>
        ))}
      </Pick>
      <Pick label={t('center.type')} value={filters.typeId} onChange={(typeId) => update({ typeId })}>
        {(types.data?.items ?? []).map((ty) => (
          <MenuItem key={ty.id} value={ty.id}>
            <UserText>{ty.name}</UserText>
          </MenuItem>
        ))}
      </Pick>
      <Pick label={t('center.tag')} value={filters.tag} onChange={(tag) => update({ tag })}>
        {(tags.data?.items ?? []).map((tg) => (
          <MenuItem key={tg.id} value={tg.name}>
            <UserText>{tg.name}</UserText>
          </MenuItem>
        ))}
        {filters.tag && !tags.data?.items.some((tg) => tg.name === filters.tag) && (
          <MenuItem value={filters.tag}>
            <UserText>{filters.tag}</UserText>
          </MenuItem>
        )}
      </Pick>
      <DateField
        label={t('center.createdFrom')}
        value={filters.from || null}
        onChange={(from) => update({ from: from ?? '' })}
        {...range.from}
      />
      <DateField
        label={t('center.createdTo')}
        value={filters.to || null}
        onChange={(to) => update({ to: to ?? '' })}
        {...range.to}
      />
      <DebouncedText label={t('center.email')} value={filters.email} onCommit={setEmail} type="text" dir="ltr" />
      <TextField
        select
        size="small"
        label={t('center.deletedLabel')}
        value={filters.deleted}
        onChange={(e) => update({ deleted: e.target.value as CenterFilters['deleted'] })}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        data-testid="filter-deleted"
      >
        <MenuItem value="">{t('center.deletedHide')}</MenuItem>
        <MenuItem value="include">{t('center.deletedInclude')}</MenuItem>
        <MenuItem value="only">{t('center.deletedOnly')}</MenuItem>
      </TextField>
      <Pick
        label={t('center.sla')}
        value={filters.sla}
        onChange={(sla) => update({ sla: sla as CenterFilters['sla'] })}
        testId="filter-sla"
      >
        <MenuItem value="warning">{t('center.slaWarning')}</MenuItem>
        <MenuItem value="breached">{t('center.slaBreached')}</MenuItem>
      </Pick>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Button onClick={reset} data-testid="filter-reset">
          {t('center.resetFilters')}
        </Button>
      </Box>
    </Box>
  );
}
