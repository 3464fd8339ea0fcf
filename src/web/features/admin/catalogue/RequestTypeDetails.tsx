import { Box, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../../ui/NumberField';
import { autoDirInput, isolate, UserText } from '../../../ui/UserText';
import { LabelledSwitch } from '../LabelledSwitch';
import type { Department } from '../types';
import { shownError } from './errors';
import { PRIORITIES, type Desk, type RequestTypeDraft } from './model';

type Details = Pick<
  RequestTypeDraft,
  'name' | 'description' | 'icon' | 'departmentId' | 'defaultPriority' | 'visible' | 'position'
>;

/** E1: what a request type is called and shows, which department gets its requests, and its place. */
export function RequestTypeDetails({
  draft,
  onChange,
  errors,
  desk,
  departments,
}: {
  draft: Details;
  onChange: (patch: Partial<Details>) => void;
  errors: Record<string, string>;
  desk: Desk;
  departments: Department[];
}) {
  const { t } = useTranslation();
  const deskDepartment = departments.find((d) => d.id === desk.departmentId)?.name;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
      <TextField
        required
        label={t('common.name')}
        value={draft.name}
        onChange={(e) => onChange({ name: e.target.value })}
        {...shownError(errors.name, t('admin.catalogue.typeNameHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 160, 'data-testid': 'rt-name' } }}
      />
      <TextField
        label={t('admin.catalogue.icon')}
        value={draft.icon}
        onChange={(e) => onChange({ icon: e.target.value })}
        {...shownError(errors.icon, t('admin.catalogue.iconHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 40, 'data-testid': 'rt-icon' } }}
      />
      <TextField
        multiline
        minRows={2}
        label={t('common.description')}
        value={draft.description}
        onChange={(e) => onChange({ description: e.target.value })}
        {...shownError(errors.description, t('admin.catalogue.typeDescriptionHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 4000, 'data-testid': 'rt-description' } }}
        sx={{ gridColumn: { md: '1 / -1' } }}
      />
      <TextField
        select
        label={t('admin.catalogue.department')}
        value={draft.departmentId}
        onChange={(e) => onChange({ departmentId: e.target.value })}
        {...shownError(
          errors.departmentId,
          t('admin.catalogue.typeDepartmentHint', { name: isolate(deskDepartment ?? '—') }),
        )}
        slotProps={{
          inputLabel: { shrink: true },
          select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'rt-department' } as object },
        }}
      >
        <MenuItem value="">{t('admin.catalogue.deskDepartment')}</MenuItem>
        {departments.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('admin.catalogue.defaultPriority')}
        value={draft.defaultPriority}
        onChange={(e) => onChange({ defaultPriority: e.target.value as Details['defaultPriority'] })}
        {...shownError(errors.defaultPriority, t('admin.catalogue.defaultPriorityHint'))}
      >
        {PRIORITIES.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`priority.${p}`)}
          </MenuItem>
        ))}
      </TextField>
      <NumberField
        label={t('admin.common.position')}
        value={draft.position}
        onChange={(v) => onChange({ position: v })}
        {...shownError(errors.position, t('admin.common.positionHint'))}
      />
      <LabelledSwitch
        label={t('admin.catalogue.visibleLabel')}
        checked={draft.visible}
        onChange={(v) => onChange({ visible: v })}
        hint={t('admin.catalogue.typeVisibleHint')}
        error={errors.visible}
        testId="rt-visible"
      />
    </Box>
  );
}
