import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { errorMessage } from '../../ui/states';
import { isolate } from '../../ui/UserText';

/**
 * In an admin's edit dialog of a staff member with two-factor sign-in on (K11): turning it off
 * for someone who lost their phone and recovery codes, after a confirmation in place. Shows
 * nothing while it is off.
 */
export function TwoFactorReset({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const key = ['admin', 'users', userId, 'two-factor'];
  const state = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call('getUserTwoFactor', { path: { id: userId }, signal }),
  });
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation({
    mutationFn: () => call('resetUserTwoFactor', { path: { id: userId } }),
    onSuccess: () => (setConfirming(false), void qc.invalidateQueries({ queryKey: key })),
  });

  if (reset.isSuccess && !state.data?.enabled)
    return (
      <Alert severity="success" role="status">
        {t('admin.people.twoFactorResetDone', { name: isolate(name) })}
      </Alert>
    );
  if (!state.data?.enabled) return null;
  return (
    <Alert
      severity={confirming ? 'warning' : 'info'}
      data-testid="person-two-factor"
      action={
        !confirming && (
          <Button
            color="inherit"
            size="small"
            onClick={() => setConfirming(true)}
            data-testid="person-two-factor-reset"
          >
            {t('admin.people.twoFactorReset')}
          </Button>
        )
      }
    >
      {confirming
        ? t('admin.people.twoFactorResetConfirm', { name: isolate(name) })
        : t('admin.people.twoFactorOn', { date: f.date(state.data.enabledAt) })}
      {confirming && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button
            color="error"
            variant="contained"
            size="small"
            loading={reset.isPending}
            onClick={() => reset.mutate()}
            data-testid="person-two-factor-confirm"
          >
            {t('admin.people.twoFactorReset')}
          </Button>
          <Button
            size="small"
            color="inherit"
            onClick={() => (setConfirming(false), reset.reset())}
            disabled={reset.isPending}
          >
            {t('common.cancel')}
          </Button>
        </Stack>
      )}
      {reset.isError && <div role="alert">{errorMessage(reset.error, t('errors.generic'))}</div>}
    </Alert>
  );
}
