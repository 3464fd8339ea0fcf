import { useEffect, useState } from 'react';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { latinDigits, useFormat } from '../../ui/format';
import type { SignupBody } from './SignupPage';

interface Sent {
  body: SignupBody;
  /** Seconds after `at` before another code may be asked for. */
  resendIn: number;
  at: number;
}

/** Seconds left until `sent` allows a new code, ticking. */
function useSecondsLeft(sent: Sent) {
  const left = () => Math.max(0, Math.ceil((sent.at + sent.resendIn * 1000 - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  }, [sent]);
  return seconds;
}

/**
 * The second step of sign-up: the six-digit code (Persian digits welcome). Once right, the new
 * helpdesk opens at its own address — a full page load, since it is another root of the app.
 */
export function SignupCodeStep({
  sent,
  onResend,
  resendError,
  onEdit,
}: {
  sent: Sent;
  onResend: (body: SignupBody) => Promise<unknown>;
  resendError: unknown;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [code, setCode] = useState('');
  const seconds = useSecondsLeft(sent);
  const verify = useMutation({
    mutationFn: () => call('verifySignup', { body: { mobile: sent.body.mobile, code: latinDigits(code).trim() } }),
    onSuccess: (done) => window.location.assign(done.signInUrl),
  });
  const resend = useMutation({ mutationFn: () => onResend(sent.body), onSuccess: () => setCode('') });
  const errs = fieldErrors(verify.error);
  // A wrong code is said under the field; the banner is for what is not about the code.
  const onlyCode = verify.error instanceof ApiError && errs.has('code') && Object.keys(errs.fields).length === 1;
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('cloudSignup.signup.codeTitle')}
      </Typography>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          verify.mutate();
        }}
      >
        <FormError error={(onlyCode ? null : verify.error) ?? (resend.isError ? resendError : null)} shown={['code']} />
        <Stack spacing={2}>
          {verify.isSuccess ? (
            <Alert severity="success" role="status">
              {t('cloudSignup.signup.creating')}
            </Alert>
          ) : (
            <Alert severity="info">
              {t('cloudSignup.signup.codeSent', { mobile: `\u2066${f.digits(sent.body.mobile)}\u2069` })}
            </Alert>
          )}
          <TextField
            label={t('cloudSignup.signup.code')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/[^\d\u06F0-\u06F9\u0660-\u0669]/g, ''))}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            {...errs.field('code')}
            slotProps={{
              htmlInput: { dir: 'ltr', maxLength: 6, 'data-testid': 'signup-code', style: { letterSpacing: '0.3em' } },
            }}
          />
          <Button
            type="submit"
            variant="contained"
            size="large"
            loading={verify.isPending || verify.isSuccess}
            disabled={code.length < 6}
            data-testid="signup-verify"
          >
            {t('cloudSignup.signup.verify')}
          </Button>
          <Stack direction="row" spacing={1} justifyContent="space-between" flexWrap="wrap" useFlexGap>
            <Button
              onClick={() => resend.mutate()}
              disabled={seconds > 0 || resend.isPending}
              data-testid="signup-resend"
            >
              {seconds > 0
                ? t('cloudSignup.signup.resendIn', { seconds: f.digits(seconds) })
                : t('cloudSignup.signup.resend')}
            </Button>
            <Button onClick={onEdit} color="inherit">
              {t('cloudSignup.signup.edit')}
            </Button>
          </Stack>
        </Stack>
      </form>
    </>
  );
}
