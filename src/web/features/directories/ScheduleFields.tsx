import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../ui/NumberField';
import type { DefaultRole } from './directory-form';
import type { PartProps } from './Section';
import { LabelledSwitch } from '../admin/LabelledSwitch';

/** Who may come in without a mapped group, how often the directory is synced, and whether it is used at all. */
export function ScheduleFields({ form, set, fe }: PartProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        select
        label={t('admin.directories.defaultRole')}
        value={form.defaultRole}
        onChange={(e) => set({ defaultRole: e.target.value as DefaultRole })}
        {...fe.field('defaultRole', t('admin.directories.defaultRoleHint'))}
        data-testid="directory-default-role"
      >
        <MenuItem value="customer">{t('admin.directories.defaultRole_customer')}</MenuItem>
        <MenuItem value="none">{t('admin.directories.defaultRole_none')}</MenuItem>
      </TextField>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
        <NumberField
          label={t('admin.directories.interval')}
          value={form.syncIntervalMinutes}
          onChange={(syncIntervalMinutes) => set({ syncIntervalMinutes })}
          {...fe.field('syncIntervalMinutes', t('admin.directories.intervalHint'))}
          slotProps={{ htmlInput: { 'data-testid': 'directory-interval' } }}
          sx={{ flex: 1 }}
        />
        <Stack sx={{ flex: 1 }}>
          <LabelledSwitch
            label={t('admin.directories.activeLabel')}
            checked={form.active}
            onChange={(active) => set({ active })}
            hint={t('admin.directories.activeHint')}
            error={fe.fields.active}
            testId="directory-active"
          />
        </Stack>
      </Stack>
    </>
  );
}
