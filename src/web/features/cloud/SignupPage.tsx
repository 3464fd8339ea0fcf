import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormControlLabel,
  FormHelperText,
  Link as MuiLink,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../app/api';
import { usePlatform } from '../../app/platform';
import { SLUG_FORMAT, workspaceAddress } from '../../app/workspace-path';
import { FormError, fieldErrors } from '../../ui/form';
import { QueryView } from '../../ui/states';
import { autoDirInput } from '../../ui/UserText';
import { SignupCodeStep } from './SignupCodeStep';

export type SignupBody = BodyOf<'startSignup'>;

/**
 * Cloud sign-up (I1, the azTicket way): mobile, the helpdesk's English address, the
 * organisation's name and the accepted terms → a one-time code by SMS → the new helpdesk, its
 * administrator signed in.
 */
export default function SignupPage() {
  const { t, i18n } = useTranslation();
  const platform = usePlatform();
  const [form, setForm] = useState({ mobile: '', slug: '', organisation: '', acceptTerms: false });
  const [termsMissing, setTermsMissing] = useState(false);
  const [sent, setSent] = useState<{ body: SignupBody; resendIn: number; at: number } | null>(null);
  const body = (): SignupBody => ({
    mobile: form.mobile,
    slug: form.slug.trim().toLowerCase(),
    organisation: form.organisation,
    acceptTerms: true,
    locale: i18n.language === 'en' ? 'en' : 'fa',
  });
  const start = useMutation({
    mutationFn: (b: SignupBody) => call('startSignup', { body: b }),
    onSuccess: (r, b) => setSent({ body: b, resendIn: r.resendIn, at: Date.now() }),
  });
  const errs = fieldErrors(start.error);
  const slug = form.slug.trim().toLowerCase();
  const slugBad = slug !== '' && !SLUG_FORMAT.test(slug);
  const slugHelp = errs.fields.slug
    ? errs.fields.slug
    : slugBad
      ? t('cloudSignup.signup.slugFormat')
      : slug && platform.data
        ? t('cloudSignup.signup.slugAddress', {
            address: `\u2066${workspaceAddress(slug, platform.data.domain, window.location)}\u2069`,
          })
        : t('cloudSignup.signup.slugHint');

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520, mx: 'auto' }}>
      <QueryView query={platform}>
        {(p) =>
          !p.cloud ? (
            <>
              <Typography variant="h5" component="h1" gutterBottom>
                {t('cloudSignup.signup.title')}
              </Typography>
              <Alert severity="info">{t('cloudSignup.signup.notCloud')}</Alert>
            </>
          ) : sent ? (
            <SignupCodeStep
              sent={sent}
              onResend={(b) => start.mutateAsync(b)}
              resendError={start.error}
              onEdit={() => (setSent(null), start.reset())}
            />
          ) : (
            <>
              <Typography variant="h5" component="h1" gutterBottom>
                {t('cloudSignup.signup.title')}
              </Typography>
              <Typography color="text.secondary" sx={{ mb: 2 }}>
                {t('cloudSignup.signup.intro')}
              </Typography>
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  setTermsMissing(!form.acceptTerms);
                  if (form.acceptTerms && !slugBad) start.mutate(body());
                }}
              >
                <FormError error={start.error} shown={['mobile', 'slug', 'organisation', 'acceptTerms']} />
                <Stack spacing={2}>
                  <TextField
                    label={t('cloudSignup.signup.mobile')}
                    value={form.mobile}
                    onChange={(e) => setForm({ ...form, mobile: e.target.value })}
                    required
                    inputMode="tel"
                    autoComplete="tel"
                    {...errs.field('mobile')}
                    slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'signup-mobile' } }}
                  />
                  <TextField
                    label={t('cloudSignup.signup.slug')}
                    value={form.slug}
                    onChange={(e) => setForm({ ...form, slug: e.target.value.toLowerCase() })}
                    required
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    error={slugBad || errs.has('slug')}
                    helperText={slugHelp}
                    slotProps={{
                      htmlInput: { dir: 'ltr', maxLength: 31, 'data-testid': 'signup-slug' },
                      formHelperText: { 'aria-live': 'polite' } as object,
                    }}
                  />
                  <TextField
                    label={t('cloudSignup.signup.organisation')}
                    value={form.organisation}
                    onChange={(e) => setForm({ ...form, organisation: e.target.value })}
                    required
                    autoComplete="organization"
                    {...errs.field('organisation', t('cloudSignup.signup.organisationHint'))}
                    slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'signup-organisation' } }}
                  />
                  <div>
                    <FormControlLabel
                      control={
                        <Checkbox
                          checked={form.acceptTerms}
                          onChange={(e) => (
                            setTermsMissing(false),
                            setForm({ ...form, acceptTerms: e.target.checked })
                          )}
                          slotProps={{ input: { 'data-testid': 'signup-terms' } as object }}
                        />
                      }
                      label={
                        <>
                          {t('cloudSignup.signup.acceptTermsBefore')}{' '}
                          <MuiLink component={Link} to="/terms" target="_blank" rel="noopener">
                            {t('cloudSignup.signup.termsLink')}
                          </MuiLink>
                        </>
                      }
                    />
                    {(termsMissing || errs.has('acceptTerms')) && (
                      <FormHelperText error>{errs.fields.acceptTerms ?? t('common.required')}</FormHelperText>
                    )}
                  </div>
                  <Button
                    type="submit"
                    variant="contained"
                    size="large"
                    loading={start.isPending}
                    data-testid="signup-submit"
                  >
                    {t('cloudSignup.signup.submit')}
                  </Button>
                </Stack>
              </form>
            </>
          )
        }
      </QueryView>
      <MuiLink component={Link} to="/" sx={{ display: 'inline-block', mt: 2 }}>
        {t('cloudSignup.signup.haveHelpdesk')}
      </MuiLink>
    </Paper>
  );
}
