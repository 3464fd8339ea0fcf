import { useState } from 'react';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { TwoFactorCodeField } from '../auth/TwoFactorCodeField';
import { CopyButton } from './CopyButton';

/**
 * Setting up two-factor sign-in (K11): the current password first (directory accounts leave it
 * empty, soon after signing in), then the QR code and the key to type, then a code from the app
 * turns it on. `onEnabled` gets the recovery codes, to be shown once.
 */
export function TwoFactorSetup({
  onEnabled,
  onCancel,
}: {
  onEnabled: (codes: string[]) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const setup = useMutation({
    mutationFn: () => call('setupMyTwoFactor', { body: password ? { password } : {} }),
    onSuccess: () => setPassword(''),
  });
  const enable = useMutation({
    mutationFn: () => call('enableMyTwoFactor', { body: { code } }),
    onSuccess: (r) => onEnabled(r.recoveryCodes),
  });
  const cancel = onCancel && (
    <Button onClick={onCancel} disabled={setup.isPending || enable.isPending}>
      {t('common.cancel')}
    </Button>
  );

  if (!setup.data) {
    const errs = fieldErrors(setup.error);
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setup.mutate();
        }}
        data-testid="two-factor-password-step"
      >
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {t('profile.twoFactor.passwordTitle')}
        </Typography>
        <FormError error={setup.error} shown={['password']} />
        <Stack spacing={2}>
          <TextField
            label={t('profile.currentPassword')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus
            {...errs.field('password', t('profile.twoFactor.passwordHint'))}
            slotProps={{ htmlInput: { 'data-testid': 'two-factor-password' } }}
          />
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" loading={setup.isPending} data-testid="two-factor-continue">
              {t('profile.twoFactor.continue')}
            </Button>
            {cancel}
          </Stack>
        </Stack>
      </form>
    );
  }

  const { secret, qrCodeSvg } = setup.data;
  const errs = fieldErrors(enable.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        enable.mutate();
      }}
      data-testid="two-factor-scan-step"
    >
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {t('profile.twoFactor.scanTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('profile.twoFactor.scanHint')}
      </Typography>
      <Box
        component="img"
        // The server draws the QR code; a data: URL shows it without running any of its markup.
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrCodeSvg)}`}
        alt={t('profile.twoFactor.qrAlt')}
        data-testid="two-factor-qr"
        sx={{ display: 'block', width: 200, height: 200, my: 2, bgcolor: '#fff', borderRadius: 1 }}
      />
      <Typography variant="body2">{t('profile.twoFactor.secret')}</Typography>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 2, mt: 0.5 }}>
        <Box
          component="code"
          dir="ltr"
          data-testid="two-factor-secret"
          sx={{
            fontFamily: 'monospace',
            fontSize: 15,
            overflowWrap: 'anywhere',
            bgcolor: 'action.hover',
            px: 1,
            py: 0.5,
            borderRadius: 1,
          }}
        >
          {secret.replace(/(.{4})(?=.)/g, '$1 ')}
        </Box>
        <CopyButton text={secret} label={t('profile.twoFactor.copySecret')} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('profile.twoFactor.confirmHint')}
      </Typography>
      <FormError error={enable.error} shown={['code']} />
      <Stack spacing={2} sx={{ maxWidth: 320 }}>
        <TwoFactorCodeField
          label={t('auth.twoFactorCode')}
          value={code}
          onChange={setCode}
          {...errs.field('code')}
          testId="two-factor-code"
        />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" loading={enable.isPending} data-testid="two-factor-turn-on">
            {t('profile.twoFactor.turnOn')}
          </Button>
          {cancel}
        </Stack>
      </Stack>
    </form>
  );
}
