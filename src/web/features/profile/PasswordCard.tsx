import { useState } from 'react';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';

/** Changing one's password needs the current one. */
export function PasswordCard() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => call('changePassword', { body: { currentPassword, newPassword } }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
    },
  });
  const errs = fieldErrors(change.error);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('profile.password')}
        </Typography>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <FormError error={change.error} shown={['currentPassword', 'newPassword']} />
          {change.isSuccess && (
            <Alert severity="success" sx={{ mb: 2 }}>
              {t('profile.passwordChanged')}
            </Alert>
          )}
          <Stack spacing={2}>
            <TextField
              label={t('profile.currentPassword')}
              type="password"
              value={currentPassword}
              onChange={(e) => setCurrent(e.target.value)}
              autoComplete="current-password"
              {...errs.field('currentPassword')}
            />
            <TextField
              label={t('auth.newPassword')}
              type="password"
              value={newPassword}
              onChange={(e) => setNew(e.target.value)}
              autoComplete="new-password"
              {...errs.field('newPassword', t('auth.passwordHint'))}
            />
            <Button type="submit" variant="contained" loading={change.isPending} sx={{ alignSelf: 'flex-start' }}>
              {t('profile.changePassword')}
            </Button>
          </Stack>
        </form>
      </CardContent>
    </Card>
  );
}
