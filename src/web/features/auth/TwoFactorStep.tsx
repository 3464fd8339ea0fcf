import { useState } from 'react';
import { Button, Link, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FormError, fieldErrors } from '../../ui/form';
import { TwoFactorCodeField } from './TwoFactorCodeField';

/**
 * The sign-in's second step (K11), once the password was right and the account has two-factor
 * sign-in on: the authenticator's code, or a recovery code instead. `onSubmit` sends the login
 * and password again with the code.
 */
export function TwoFactorStep({
  error,
  pending,
  onSubmit,
  onBack,
}: {
  error: unknown;
  pending: boolean;
  onSubmit: (code: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const errs = fieldErrors(error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(code);
      }}
      data-testid="login-two-factor"
    >
      <Typography variant="h6" component="h2" gutterBottom>
        {t('auth.twoFactorTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t(recovery ? 'auth.twoFactorRecoveryPrompt' : 'auth.twoFactorPrompt')}
      </Typography>
      <FormError error={error} shown={['code']} />
      <Stack spacing={2}>
        <TwoFactorCodeField
          key={recovery ? 'recovery' : 'totp'}
          label={t(recovery ? 'auth.recoveryCode' : 'auth.twoFactorCode')}
          value={code}
          onChange={setCode}
          recovery={recovery}
          autoFocus
          {...errs.field('code')}
          testId="login-code"
        />
        <Button type="submit" variant="contained" size="large" loading={pending} data-testid="login-code-submit">
          {t('auth.verifyAndSignIn')}
        </Button>
        <Stack direction="row" justifyContent="space-between" flexWrap="wrap" sx={{ gap: 1 }}>
          <Link
            component="button"
            type="button"
            onClick={() => (setRecovery(!recovery), setCode(''))}
            data-testid="login-use-recovery"
          >
            {t(recovery ? 'auth.useAuthenticator' : 'auth.useRecoveryCode')}
          </Link>
          <Link component="button" type="button" onClick={onBack}>
            {t('common.back')}
          </Link>
        </Stack>
      </Stack>
    </form>
  );
}
