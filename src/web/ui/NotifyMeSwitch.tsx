import { FormControlLabel, Switch } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { FormError } from './form';

/**
 * C23: "don't notify me" on one ticket. Only the reader's own choice changes; the answer is
 * the ticket as it now is. Used on the agent's and the customer's ticket page alike.
 */
export function NotifyMeSwitch({ number, notifyMe }: { number: number; notifyMe: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // The ticket page's query (agent and portal alike).
  const key = ['ticket', number] as const;
  const change = useMutation({
    mutationFn: (notify: boolean) => call('updateTicket', { path: { number }, body: { notify } }),
    onSuccess: async (updated) => {
      qc.setQueryData(key, updated);
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <>
      <FormError error={change.error} />
      <FormControlLabel
        control={
          <Switch
            size="small"
            checked={change.isPending ? !!change.variables : notifyMe}
            disabled={change.isPending}
            onChange={(e) => change.mutate(e.target.checked)}
            data-testid="notify-me-switch"
          />
        }
        label={t('ticket.notifyMe')}
      />
    </>
  );
}
