import { InputAdornment, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LabelledSwitch } from './LabelledSwitch';
import { NumberField } from '../../ui/NumberField';
import type { Draft } from './settings-form';
import { SettingsSection } from './SettingsSection';
import type { SectionProps } from './SettingsSystem';

type NumberKey =
  'maxUploadMb' | 'memberMaxUploadMb' | 'guestMaxUploadMb' | 'mailFetchIntervalMinutes' | 'autoCloseDays';

/** J2 (and the general upload limit of J1): uploads, the guest form, mail fetching, auto-close. */
export function SettingsTickets({ draft, set, fe }: SectionProps) {
  const { t } = useTranslation();
  const num = (key: NumberKey, unit: string, hint?: string, alone?: boolean) => (
    <NumberField
      fullWidth
      decimal
      sx={alone ? { maxWidth: { sm: 360 } } : undefined}
      label={t(`admin.settings.${key}`)}
      value={draft[key]}
      onChange={(v) => set(key, v)}
      {...fe.field(key, hint)}
      slotProps={{
        htmlInput: { 'data-testid': `settings-${key}` },
        input: { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> },
      }}
    />
  );
  const toggle = (
    key: keyof Draft &
      (
        | 'guestFormEnabled'
        | 'guestAttachmentsEnabled'
        | 'attachmentsEnabled'
        | 'fetchAllDepartments'
        | 'importUnknownAddresses'
      ),
  ) => (
    <LabelledSwitch
      label={t(`admin.settings.${key}`)}
      checked={draft[key]}
      onChange={(v) => set(key, v)}
      hint={t(`admin.settings.${key}Hint`)}
      error={fe.fields[key]}
      testId={`settings-${key}`}
    />
  );
  const mb = t('admin.settings.mb');
  return (
    <>
      <SettingsSection id="uploads" title={t('admin.settings.uploadsSection')}>
        {toggle('attachmentsEnabled')}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          {num('maxUploadMb', mb, t('admin.settings.maxUploadMbHint'))}
          {num('memberMaxUploadMb', mb, t('admin.settings.memberMaxUploadMbHint'))}
          {num('guestMaxUploadMb', mb, t('admin.settings.guestMaxUploadMbHint'))}
        </Stack>
      </SettingsSection>
      <SettingsSection id="guests" title={t('admin.settings.guestsSection')}>
        {toggle('guestFormEnabled')}
        {toggle('guestAttachmentsEnabled')}
      </SettingsSection>
      <SettingsSection id="mail" title={t('admin.settings.mailSection')}>
        {num('mailFetchIntervalMinutes', t('admin.settings.minutes'), undefined, true)}
        {toggle('fetchAllDepartments')}
        {toggle('importUnknownAddresses')}
      </SettingsSection>
      <SettingsSection id="autoclose" title={t('admin.settings.autoCloseSection')}>
        {num('autoCloseDays', t('admin.settings.days'), t('admin.settings.autoCloseDaysHint'), true)}
      </SettingsSection>
    </>
  );
}
