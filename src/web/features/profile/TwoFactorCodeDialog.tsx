import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError, fieldErrors } from '../../ui/form';
import { TwoFactorCodeField } from '../auth/TwoFactorCodeField';

/**
 * Asks for a current code (the authenticator's or a recovery code) before a change that needs
 * one: turning two-factor sign-in off, making new recovery codes. `send` makes the call.
 */
export function TwoFactorCodeDialog<T>({
  title,
  text,
  action,
  send,
  onDone,
  onClose,
  testId,
}: {
  title: string;
  text: string;
  action: string;
  send: (code: string) => Promise<T>;
  onDone: (answer: T) => void;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const m = useMutation({ mutationFn: () => send(code), onSuccess: onDone });
  const errs = fieldErrors(m.error);
  return (
    <Dialog open onClose={onClose} aria-labelledby={`${testId}-title`} maxWidth="xs" fullWidth data-testid={testId}>
      <form
        noValidate
        style={{ display: 'contents' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!m.isPending) m.mutate();
        }}
      >
        <DialogTitle id={`${testId}-title`}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{text}</DialogContentText>
          <FormError error={m.error} shown={['code']} />
          <TwoFactorCodeField
            label={t('profile.twoFactor.code')}
            value={code}
            onChange={setCode}
            recovery
            autoFocus
            {...errs.field('code', t('profile.twoFactor.codeHint'))}
            testId={`${testId}-code`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" loading={m.isPending} data-testid={`${testId}-submit`}>
            {action}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
