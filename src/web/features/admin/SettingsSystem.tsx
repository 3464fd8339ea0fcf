import type { ReactNode } from 'react';
import { Box, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { autoDirInput } from '../../ui/UserText';
import { LabelledSwitch } from './LabelledSwitch';
import { ipLines, type Draft } from './settings-form';
import { SettingsSection } from './SettingsSection';
import { TimeZoneField } from './TimeZoneField';

export interface SectionProps {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  fe: ReturnType<typeof fieldErrors>;
}

/** J1: title, contact details, the public announcement, suspension, access and language. */
export function SettingsSystem({ draft, set, fe, images }: SectionProps & { images: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const contact = (k: keyof Draft['contact']) => ({
    value: draft.contact[k],
    onChange: (e: { target: { value: string } }) => set('contact', { ...draft.contact, [k]: e.target.value }),
    ...fe.field(`contact.${k}`),
  });
  const lines = ipLines(draft.allowedIps);
  const ipErrors = Object.entries(fe.fields)
    .filter(([k]) => k.startsWith('allowedIps.'))
    .map(([k, msg]) => {
      const at = lines[Number(k.split('.')[1])];
      return at ? t('admin.settings.ipLineError', { line: f.number(at.line), ip: at.ip, message: msg }) : msg;
    });
  const ipProblem = ipErrors.length > 0 || fe.has('allowedIps');

  return (
    <>
      <SettingsSection id="general" title={t('admin.settings.general')}>
        <TextField
          required
          label={t('admin.settings.title')}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
          {...fe.field('title', t('admin.settings.titleHint'))}
          slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': 'settings-title' } }}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            fullWidth
            type="email"
            label={t('admin.settings.contactEmail')}
            {...contact('email')}
            slotProps={{ htmlInput: { dir: 'ltr' } }}
          />
          <TextField
            fullWidth
            type="tel"
            label={t('admin.settings.contactPhone')}
            {...contact('phone')}
            slotProps={{ htmlInput: { dir: 'ltr' } }}
          />
        </Stack>
        <TextField
          label={t('admin.settings.contactWebsite')}
          {...contact('website')}
          slotProps={{ htmlInput: { dir: 'ltr' } }}
        />
        <TextField
          multiline
          minRows={2}
          label={t('admin.settings.contactAddress')}
          {...contact('address')}
          slotProps={{ htmlInput: autoDirInput }}
        />
      </SettingsSection>
      {images}

      <SettingsSection
        id="announce"
        title={t('admin.settings.announceSection')}
        hint={t('admin.settings.announceSectionHint')}
      >
        <TextField
          multiline
          minRows={3}
          label={t('admin.settings.announcement')}
          value={draft.announcement}
          onChange={(e) => set('announcement', e.target.value)}
          {...fe.field('announcement', t('admin.settings.announcementHint'))}
          slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': 'settings-announcement' } }}
        />
        <LabelledSwitch
          label={t('admin.settings.suspended')}
          checked={draft.suspended}
          onChange={(v) => set('suspended', v)}
          hint={t('admin.settings.suspendedHint')}
          error={fe.fields.suspended}
          testId="settings-suspended"
        />
        <TextField
          multiline
          minRows={2}
          label={t('admin.settings.suspensionMessage')}
          value={draft.suspensionMessage}
          onChange={(e) => set('suspensionMessage', e.target.value)}
          {...fe.field('suspensionMessage', t('admin.settings.suspensionMessageHint'))}
          slotProps={{ htmlInput: autoDirInput }}
        />
      </SettingsSection>

      <SettingsSection id="access" title={t('admin.settings.accessSection')}>
        <TextField
          multiline
          minRows={3}
          label={t('admin.settings.allowedIps')}
          value={draft.allowedIps}
          onChange={(e) => set('allowedIps', e.target.value)}
          error={ipProblem}
          helperText={
            ipProblem ? (
              <Box component="span" sx={{ display: 'block' }}>
                {(ipErrors.length ? ipErrors : [fe.fields.allowedIps]).map((m) => (
                  <Box component="span" key={m} sx={{ display: 'block' }}>
                    {m}
                  </Box>
                ))}
              </Box>
            ) : (
              t('admin.settings.allowedIpsHint')
            )
          }
          slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, 'data-testid': 'settings-allowed-ips' } }}
        />
        <LabelledSwitch
          label={t('admin.settings.customersCanRegister')}
          checked={draft.customersCanRegister}
          onChange={(v) => set('customersCanRegister', v)}
          hint={t('admin.settings.customersCanRegisterHint')}
          error={fe.fields.customersCanRegister}
        />
        <TextField
          select
          label={t('admin.settings.twoFactorRequired')}
          value={draft.twoFactorRequired}
          onChange={(e) => set('twoFactorRequired', e.target.value as Draft['twoFactorRequired'])}
          {...fe.field('twoFactorRequired', t('admin.settings.twoFactorRequiredHint'))}
          data-testid="settings-two-factor"
        >
          {(['off', 'admins', 'staff'] as const).map((v) => (
            <MenuItem key={v} value={v}>
              {t(`admin.settings.twoFactor_${v}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="url"
          label={t('admin.settings.passwordResetUrl')}
          value={draft.passwordResetUrl}
          onChange={(e) => set('passwordResetUrl', e.target.value)}
          {...fe.field('passwordResetUrl', t('admin.settings.passwordResetUrlHint'))}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'settings-password-reset-url' } }}
        />
      </SettingsSection>

      <SettingsSection id="language" title={t('admin.settings.languageSection')}>
        <TextField
          select
          label={t('admin.settings.defaultLocale')}
          value={draft.defaultLocale}
          onChange={(e) => set('defaultLocale', e.target.value as Draft['defaultLocale'])}
          {...fe.field('defaultLocale', t('admin.settings.defaultLocaleHint'))}
        >
          <MenuItem value="fa">{t('languages.fa')}</MenuItem>
          <MenuItem value="en">{t('languages.en')}</MenuItem>
        </TextField>
        <TimeZoneField value={draft.timeZone} onChange={(v) => set('timeZone', v)} error={fe.fields.timeZone} />
        <LabelledSwitch
          label={t('admin.settings.persianDigits')}
          checked={draft.persianDigits}
          onChange={(v) => set('persianDigits', v)}
          hint={t('admin.settings.persianDigitsHint')}
          error={fe.fields.persianDigits}
        />
      </SettingsSection>
    </>
  );
}
