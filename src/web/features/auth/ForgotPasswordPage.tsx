import { useState } from 'react';
import { Alert, Button, Link as MuiLink, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { AuthCard } from './AuthCard';

/** A4: asks for a reset link by e-mail. The answer is the same whether or not the account exists. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const forgot = useMutation({ mutationFn: () => call('forgotPassword', { body: { login } }) });
  return (
    <AuthCard title={t('auth.forgotTitle')}>
      {forgot.isSuccess ? (
        <Alert severity="success">{t('auth.forgotSent')}</Alert>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            forgot.mutate();
          }}
        >
          <FormError error={forgot.error} shown={['login']} />
          <Stack spacing={2}>
            <TextField
              label={t('auth.login')}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              required
              autoComplete="username"
              {...fieldErrors(forgot.error).field('login', t('auth.loginHint'))}
              slotProps={{ htmlInput: { dir: 'ltr' } }}
            />
            <Button type="submit" variant="contained" loading={forgot.isPending}>
              {t('auth.sendResetLink')}
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
