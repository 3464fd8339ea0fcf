import { Alert, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isLdaps } from './directory-form';
import { plainInput, type PartProps } from './Section';
import { LabelledSwitch } from '../admin/LabelledSwitch';

/** Name, server address and TLS: how Pishkhan reaches the directory and whether it trusts it. */
export function ConnectionFields({ form, set, fe }: PartProps) {
  const { t } = useTranslation();
  const ldaps = isLdaps(form.url);
  return (
    <>
      <TextField
        required
        label={t('admin.directories.name')}
        value={form.name}
        onChange={(e) => set({ name: e.target.value })}
        {...fe.field('name', t('admin.directories.nameHint'))}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'directory-name' } }}
      />
      <TextField
        required
        label={t('admin.directories.url')}
        value={form.url}
        onChange={(e) => set({ url: e.target.value })}
        {...fe.field('url', t('admin.directories.urlHint'))}
        slotProps={{ htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': 'directory-url' } }}
      />
      <LabelledSwitch
        label={t('admin.directories.startTls')}
        checked={!ldaps && form.startTls}
        onChange={(startTls) => set({ startTls })}
        hint={ldaps ? t('admin.directories.startTlsLdaps') : t('admin.directories.startTlsHint')}
        error={fe.fields.startTls}
        testId="directory-starttls"
        disabled={ldaps}
      />
      <TextField
        multiline
        minRows={3}
        maxRows={10}
        label={t('admin.directories.caCert')}
        value={form.caCert}
        onChange={(e) => set({ caCert: e.target.value })}
        {...fe.field('caCert', t('admin.directories.caCertHint'))}
        slotProps={{
          htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': 'directory-ca' },
          input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
        }}
      />
      <LabelledSwitch
        label={t('admin.directories.verifyTls')}
        checked={form.verifyTls}
        onChange={(verifyTls) => set({ verifyTls })}
        hint={t('admin.directories.verifyTlsHint')}
        error={fe.fields.verifyTls}
        testId="directory-verify"
      />
      {!form.verifyTls && (
        <Alert severity="warning" data-testid="directory-verify-warning">
          {t('admin.directories.verifyTlsOff')}
        </Alert>
      )}
    </>
  );
}

/** The account the server searches the directory with; its password is never shown again. */
export function AccountFields({ form, set, fe, stored }: PartProps & { stored: boolean }) {
  const { t } = useTranslation();
  const hint = form.clearPassword
    ? t('admin.directories.passwordCleared')
    : stored
      ? t('admin.directories.passwordStored')
      : t('admin.directories.passwordNone');
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
      <TextField
        label={t('admin.directories.bindDn')}
        value={form.bindDn}
        autoComplete="off"
        onChange={(e) => set({ bindDn: e.target.value })}
        {...fe.field('bindDn', t('admin.directories.bindDnHint'))}
        slotProps={{ htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': 'directory-bind-dn' } }}
        sx={{ flex: 3 }}
      />
      <Stack sx={{ flex: 2 }}>
        <TextField
          type="password"
          autoComplete="new-password"
          label={t('admin.directories.bindPassword')}
          value={form.bindPassword}
          disabled={form.clearPassword}
          onChange={(e) => set({ bindPassword: e.target.value })}
          {...fe.field('bindPassword', hint)}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'directory-bind-password' } }}
        />
        {stored && (
          <FormControlLabel
            control={
              <Checkbox
                checked={form.clearPassword}
                onChange={(e) => set({ clearPassword: e.target.checked, bindPassword: '' })}
              />
            }
            label={t('admin.directories.passwordClear')}
          />
        )}
      </Stack>
    </Stack>
  );
}
