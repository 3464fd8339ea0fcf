import { useState } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { useAfterSignIn } from './useAfterSignIn';

/** Sign-in by a one-time code sent by SMS (A2): mobile first, then the six-digit code. */
export function OtpForm({ initialMobile = '', sent: alreadySent = false }: { initialMobile?: string; sent?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const after = useAfterSignIn();
  const [mobile, setMobile] = useState(initialMobile);
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(alreadySent);
  const request = useMutation({
    mutationFn: () => call('requestSignInCode', { body: { mobile } }),
    onSuccess: () => setSent(true),
  });
  const verify = useMutation({
    mutationFn: () => call('verifySignInCode', { body: { mobile, code } }),
    onSuccess: after,
  });
  const errs = fieldErrors(sent ? verify.error : request.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (sent) verify.mutate();
        else request.mutate();
      }}
    >
      <FormError error={sent ? verify.error : request.error} shown={['mobile', 'code']} />
      <Stack spacing={2}>
        <TextField
          label={t('common.mobile')}
          value={mobile}
          onChange={(e) => setMobile(e.target.value)}
          inputMode="tel"
          autoComplete="tel"
          required
          disabled={sent}
          {...errs.field('mobile')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'otp-mobile' } }}
        />
        {sent && (
          <>
            <Alert severity="success">{t('auth.otpSent', { mobile: f.digits(request.data?.mobile ?? mobile) })}</Alert>
            <TextField
              label={t('auth.otpCode')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              autoFocus
              {...errs.field('code')}
              slotProps={{ htmlInput: { dir: 'ltr', maxLength: 6, 'data-testid': 'otp-code' } }}
            />
          </>
        )}
        <Button
          type="submit"
          variant="contained"
          size="large"
          loading={request.isPending || verify.isPending}
          data-testid="otp-submit"
        >
          {sent ? t('auth.signIn') : t('auth.sendCode')}
        </Button>
        {sent && (
          <Button onClick={() => request.mutate()} disabled={request.isPending}>
            {t('auth.resendCode')}
          </Button>
        )}
      </Stack>
    </form>
  );
}
