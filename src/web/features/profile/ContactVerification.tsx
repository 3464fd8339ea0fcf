import { useState } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ResponseOf } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { isolate } from '../../ui/UserText';

export type PendingContact = ResponseOf<'updateMe'>['pendingContacts'][number];

/**
 * A new e-mail or mobile is used only once its code comes back: one line per pending change,
 * asking for the code that was sent there (`verifyContact`).
 */
export function ContactVerification({
  pending,
  onConfirmed,
}: {
  pending: PendingContact;
  onConfirmed: (user: ResponseOf<'verifyContact'>) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => call('verifyContact', { body: { kind: pending.kind, code } }),
    onSuccess: onConfirmed,
  });
  const errs = fieldErrors(verify.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        verify.mutate();
      }}
    >
      <Alert severity="info" sx={{ mb: 1 }}>
        {t(pending.kind === 'email' ? 'profile.codeSentEmail' : 'profile.codeSentMobile', {
          value: isolate(pending.value),
        })}
      </Alert>
      <FormError error={verify.error} shown={['code']} />
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField
          label={t('profile.verificationCode')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          size="small"
          {...errs.field('code')}
          slotProps={{ htmlInput: { dir: 'ltr', maxLength: 12 } }}
        />
        <Button type="submit" variant="outlined" loading={verify.isPending} disabled={!code.trim()}>
          {t('profile.confirmCode')}
        </Button>
      </Stack>
    </form>
  );
}
