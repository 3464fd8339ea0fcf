import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormControlLabel,
  FormHelperText,
  Link as MuiLink,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { FormError, fieldErrors } from '../../ui/form';
import { QueryView } from '../../ui/states';
import { AuthCard } from './AuthCard';
import { OtpForm } from './OtpForm';
import { autoDirInput } from '../../ui/UserText';

/** Customer self-registration (A2) when the workspace allows it; the account is confirmed by an SMS code. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const [form, setForm] = useState({ mobile: '', username: '', name: '', email: '', acceptTerms: false });
  // The API takes only `acceptTerms: true`: without the box ticked the form is not sent.
  const [termsMissing, setTermsMissing] = useState(false);
  const register = useMutation({
    mutationFn: (acceptTerms: true) =>
      call('register', {
        body: { ...form, name: form.name || undefined, email: form.email || undefined, acceptTerms },
      }),
  });
  const errs = fieldErrors(register.error);
  const termsError = termsMissing ? t('common.required') : errs.fields.acceptTerms;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    if (k === 'acceptTerms') setTermsMissing(false);
    setForm((f) => ({ ...f, [k]: k === 'acceptTerms' ? e.target.checked : e.target.value }));
  };
  return (
    <AuthCard title={t('auth.registerTitle')}>
      <QueryView query={settings}>
        {(s) =>
          !s.forms.registration ? (
            <Alert severity="info">{t('auth.registrationClosed')}</Alert>
          ) : register.isSuccess ? (
            <OtpForm initialMobile={register.data.mobile} sent />
          ) : (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                setTermsMissing(!form.acceptTerms);
                if (form.acceptTerms) register.mutate(true);
              }}
            >
              <FormError error={register.error} shown={['mobile', 'username', 'name', 'email', 'acceptTerms']} />
              <Stack spacing={2}>
                <TextField
                  label={t('common.mobile')}
                  value={form.mobile}
                  onChange={set('mobile')}
                  required
                  inputMode="tel"
                  autoComplete="tel"
                  {...errs.field('mobile', t('auth.mobileHint'))}
                  slotProps={{ htmlInput: { dir: 'ltr' } }}
                />
                <TextField
                  label={t('common.username')}
                  value={form.username}
                  onChange={set('username')}
                  required
                  autoComplete="username"
                  {...errs.field('username')}
                  slotProps={{ htmlInput: { dir: 'ltr' } }}
                />
                <TextField
                  label={t('common.name')}
                  value={form.name}
                  onChange={set('name')}
                  autoComplete="name"
                  {...errs.field('name')}
                  slotProps={{ htmlInput: autoDirInput }}
                />
                <TextField
                  label={t('common.email')}
                  value={form.email}
                  onChange={set('email')}
                  type="email"
                  autoComplete="email"
                  {...errs.field('email')}
                  slotProps={{ htmlInput: { dir: 'ltr' } }}
                />
                <div>
                  <FormControlLabel
                    control={<Checkbox checked={form.acceptTerms} onChange={set('acceptTerms')} />}
                    label={t('auth.acceptTerms')}
                  />
                  {termsError && <FormHelperText error>{termsError}</FormHelperText>}
                </div>
                <Button
                  type="submit"
                  variant="contained"
                  size="large"
                  loading={register.isPending}
                  data-testid="register-submit"
                >
                  {t('auth.registerSubmit')}
                </Button>
              </Stack>
            </form>
          )
        }
      </QueryView>
      <MuiLink component={Link} to="/login" sx={{ display: 'inline-block', mt: 2 }}>
        {t('auth.haveAccount')}
      </MuiLink>
    </AuthCard>
  );
}
