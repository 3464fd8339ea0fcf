import { useState } from 'react';
import { Box, Button, Divider, Link as MuiLink, Stack, Tab, Tabs, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { isStaff, useMe, usePublicSettings } from '../../app/session';
import { FormError, fieldErrors } from '../../ui/form';
import { Loading } from '../../ui/states';
import { AuthCard } from './AuthCard';
import { OtpForm } from './OtpForm';
import { TwoFactorStep } from './TwoFactorStep';
import { useAfterSignIn } from './useAfterSignIn';

/** Sign-in by username/e-mail/mobile and password, or by an SMS code. */
export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = usePublicSettings();
  const after = useAfterSignIn();
  // The administrator's link by SMS (A3) opens the code tab with the mobile filled in.
  const [params] = useSearchParams();
  const [tab, setTab] = useState<'password' | 'otp'>(params.get('tab') === 'otp' ? 'otp' : 'password');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  // K11: a 401 two_factor_required after the password turns the form into the code step.
  const [twoFactor, setTwoFactor] = useState<'no' | 'asked' | 'tried'>('no');
  const signIn = useMutation({
    mutationFn: (code?: string) =>
      call('login', { body: { login, password, ...(code === undefined ? {} : { code }) } }),
    onSuccess: after,
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'two_factor_required') setTwoFactor((s) => (s === 'no' ? 'asked' : s));
    },
  });
  const errs = fieldErrors(signIn.error);

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={isStaff(me.data) ? '/agent/tickets' : '/portal'} replace />;
  return (
    <AuthCard title={t('auth.signInTitle')}>
      <Tabs value={tab} onChange={(_e, v) => setTab(v)} sx={{ mb: 2 }} variant="fullWidth">
        <Tab value="password" label={t('auth.withPassword')} />
        <Tab value="otp" label={t('auth.withCode')} data-testid="login-tab-otp" />
      </Tabs>
      {tab === 'password' && twoFactor !== 'no' ? (
        <TwoFactorStep
          // The answer that asked for the code is no error to show.
          error={twoFactor === 'tried' ? signIn.error : null}
          pending={signIn.isPending}
          onSubmit={(code) => (setTwoFactor('tried'), signIn.mutate(code))}
          onBack={() => (setTwoFactor('no'), signIn.reset())}
        />
      ) : tab === 'password' ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            signIn.mutate(undefined);
          }}
        >
          <FormError error={signIn.error} shown={['login', 'password']} />
          <Stack spacing={2}>
            <TextField
              label={t('auth.login')}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              autoComplete="username"
              required
              autoFocus
              {...errs.field('login', t('auth.loginHint'))}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'login-username' } }}
            />
            <TextField
              label={t('common.password')}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
              {...errs.field('password')}
              slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
            />
            <Button
              type="submit"
              variant="contained"
              size="large"
              loading={signIn.isPending}
              data-testid="login-submit"
            >
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      ) : (
        <OtpForm initialMobile={params.get('mobile') ?? ''} />
      )}
      <Stack direction="row" justifyContent="space-between" flexWrap="wrap" sx={{ mt: 2, gap: 1 }}>
        <MuiLink component={Link} to="/forgot-password">
          {t('auth.forgot')}
        </MuiLink>
        {settings.data?.passwordResetUrl && (
          <MuiLink
            href={settings.data.passwordResetUrl}
            rel="noopener noreferrer"
            data-testid="directory-password-reset"
          >
            {t('auth.forgotDirectory')}
          </MuiLink>
        )}
        {settings.data?.forms.registration && (
          <MuiLink component={Link} to="/register" data-testid="register-link">
            {t('auth.register')}
          </MuiLink>
        )}
      </Stack>
      {settings.data?.forms.guestTickets && (
        <Box sx={{ mt: 2 }}>
          <Divider sx={{ mb: 2 }} />
          <Button component={Link} to="/guest/new" fullWidth variant="outlined">
            {t('nav.guestNew')}
          </Button>
        </Box>
      )}
    </AuthCard>
  );
}
