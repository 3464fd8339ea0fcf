import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../admin/SearchField';
import type { ArticleFilters as Filters, KbGroup } from './api';
import { flatGroups } from './model';

/** Search words (?q=), a group, shown or hidden, for everyone or staff only. */
export function ArticleFilters({
  filters,
  groups,
  onChange,
}: {
  filters: Filters;
  groups: KbGroup[];
  onChange: (patch: Partial<Filters>) => void;
}) {
  const { t } = useTranslation();
  const selectSx = { minWidth: 150, flex: { xs: '1 1 140px', sm: '0 0 auto' } };
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
      <SearchField
        label={t('kbAdmin.articles.search')}
        initial={filters.q}
        onSearch={(q) => onChange({ q })}
        testId="kb-article-search"
      />
      <TextField
        select
        size="small"
        label={t('kbAdmin.articles.group')}
        value={filters.groupId}
        onChange={(e) => onChange({ groupId: e.target.value })}
        sx={{ ...selectSx, minWidth: 180 }}
        slotProps={{
          select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'kb-filter-group' } as object },
          inputLabel: { shrink: true },
        }}
      >
        <MenuItem value="">{t('common.all')}</MenuItem>
        {flatGroups(groups).map(({ group, depth }) => (
          <MenuItem key={group.id} value={group.id} sx={{ paddingInlineStart: 2 + depth * 2 }}>
            <bdi dir="auto">{group.name}</bdi>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('kbAdmin.visibility')}
        value={filters.visible}
        onChange={(e) => onChange({ visible: e.target.value as Filters['visible'] })}
        sx={selectSx}
        slotProps={{
          select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'kb-filter-visible' } as object },
          inputLabel: { shrink: true },
        }}
      >
        <MenuItem value="">{t('common.all')}</MenuItem>
        <MenuItem value="true">{t('kbAdmin.visible')}</MenuItem>
        <MenuItem value="false">{t('kbAdmin.hidden')}</MenuItem>
      </TextField>
      <TextField
        select
        size="small"
        label={t('kbAdmin.audience')}
        value={filters.internal}
        onChange={(e) => onChange({ internal: e.target.value as Filters['internal'] })}
        sx={selectSx}
        slotProps={{
          select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'kb-filter-internal' } as object },
          inputLabel: { shrink: true },
        }}
      >
        <MenuItem value="">{t('common.all')}</MenuItem>
        <MenuItem value="false">{t('kbAdmin.public')}</MenuItem>
        <MenuItem value="true">{t('kbAdmin.internal')}</MenuItem>
      </TextField>
    </Stack>
  );
}
