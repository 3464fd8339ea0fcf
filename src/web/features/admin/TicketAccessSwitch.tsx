import { FormControlLabel, Switch } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { errorMessage } from '../../ui/states';
import type { User } from './types';

/** A7: turns a customer's access to tickets on or off right from the list. */
export function TicketAccessSwitch({ user, onError }: { user: User; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (on: boolean) => call('updateUser', { path: { id: user.id }, body: { ticketAccess: on } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'users'] }),
    onError: (err) => onError(errorMessage(err, t('errors.generic'))),
  });
  const on = m.isPending ? !!m.variables : user.ticketAccess;
  return (
    <FormControlLabel
      sx={{ m: 0, gap: 0.5 }}
      control={
        <Switch
          size="small"
          checked={on}
          disabled={m.isPending}
          onChange={(e) => m.mutate(e.target.checked)}
          slotProps={{
            input: {
              'aria-label': t('admin.people.ticketAccessFor', { name: user.name || user.username }),
              'data-testid': `ticket-access-${user.id}`,
            } as object,
          }}
        />
      }
      label={on ? t('admin.people.accessOn') : t('admin.people.accessOff')}
    />
  );
}
