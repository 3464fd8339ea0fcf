import { useState } from 'react';
import { Alert, Button, Link as MuiLink, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { AuthCard } from './AuthCard';

/** A4: sets a new password with the token from the reset mail (`?token=...&workspace=slug`). */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const workspace = params.get('workspace');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const reset = useMutation({
    mutationFn: () =>
      call('resetPassword', {
        body: { token, password },
        headers: workspace ? { 'x-workspace': workspace } : undefined,
      }),
  });
  const errs = fieldErrors(reset.error);
  const mismatch = repeat.length > 0 && repeat !== password;
  return (
    <AuthCard title={t('auth.resetTitle')}>
      {!token ? (
        <Alert severity="error">{t('auth.resetNoToken')}</Alert>
      ) : reset.isSuccess ? (
        <Alert severity="success">{t('auth.resetDone')}</Alert>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!mismatch) reset.mutate();
          }}
        >
          <FormError error={reset.error} shown={['password']} />
          <Stack spacing={2}>
            <TextField
              label={t('auth.newPassword')}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoComplete="new-password"
              {...errs.field('password', t('auth.passwordHint'))}
            />
            <TextField
              label={t('auth.repeatPassword')}
              type="password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              required
              autoComplete="new-password"
              error={mismatch}
              helperText={mismatch ? t('auth.passwordsDiffer') : undefined}
            />
            <Button type="submit" variant="contained" loading={reset.isPending} disabled={mismatch}>
              {t('auth.setPassword')}
            </Button>
          </Stack>
        </form>
      )}
      <MuiLink component={Link} to="/login" sx={{ display: 'inline-block', mt: 2 }}>
        {t('auth.backToSignIn')}
      </MuiLink>
    </AuthCard>
  );
}
