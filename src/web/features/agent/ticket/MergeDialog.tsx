import { useDeferredValue, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { FormError, fieldErrors } from '../../../ui/form';
import { useFormat } from '../../../ui/format';
import { NumberField } from '../../../ui/NumberField';
import { StatusChip } from '../../../ui/ticket-bits';
import { UserText } from '../../../ui/UserText';
import { ticketKey } from './queries';
import type { TTicket } from './types';

/** The ticket with this number as a list shows it (a number search records no view), or null. */
export function useTicketPreview(n: number, enabled: boolean) {
  return useQuery({
    queryKey: ['tickets', 'preview', n],
    enabled: enabled && n > 0,
    staleTime: 30_000,
    queryFn: async () =>
      (await call('listTickets', { query: { q: `#${n}`, pageSize: 5 } })).items.find((i) => i.number === n) ?? null,
  });
}

/** The target as the dialogs show it before anything is done: number, subject, requester, status. */
export function TicketPreview({ n, self }: { n: number; self: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const preview = useTicketPreview(n, n !== self);
  if (!(n > 0)) return null;
  if (n === self) return <Alert severity="warning">{t('merge.self')}</Alert>;
  if (preview.isPending) return <Skeleton variant="rounded" height={64} />;
  if (!preview.data) return <Alert severity="warning">{t('merge.notFound', { n: f.digits(n) })}</Alert>;
  const p = preview.data;
  return (
    <Box
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
      data-testid="merge-preview"
      data-number={p.number}
    >
      <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
        <Box component="span" dir="ltr" sx={{ color: 'text.secondary' }}>
          {t('ticket.numberLabel', { n: f.digits(p.number) })}
        </Box>{' '}
        <UserText>{p.subject}</UserText>
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5, flexWrap: 'wrap', rowGap: 0.5 }}>
        <StatusChip status={p.status} />
        <Typography variant="body2" color="text.secondary">
          {t('merge.requester')} <UserText>{p.requester.name}</UserText>
        </Typography>
      </Stack>
    </Box>
  );
}

/** K9: merge this ticket into another, found by its number and shown before it is confirmed. */
export function MergeDialog({ ticket, onClose }: { ticket: TTicket; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const n = Number(useDeferredValue(value)) || 0;
  const preview = useTicketPreview(n, n !== ticket.number);
  const merge = useMutation({
    mutationFn: () => call('mergeTicket', { path: { number: ticket.number }, body: { into: n } }),
    onSuccess: async (target) => {
      qc.setQueryData(ticketKey(target.number), target);
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
      void navigate(`/agent/tickets/${target.number}`);
    },
  });
  const errs = fieldErrors(merge.error);
  const ready = n > 0 && n !== ticket.number && !!preview.data;
  return (
    <Dialog
      open
      onClose={merge.isPending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="merge-title"
      data-testid="merge-dialog"
    >
      <DialogTitle id="merge-title">{t('merge.title', { n: f.digits(ticket.number) })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('merge.hint', { n: f.digits(ticket.number) })}</DialogContentText>
        <FormError error={merge.error} shown={['into']} />
        <Stack spacing={2}>
          <NumberField
            autoFocus
            fullWidth
            label={t('merge.into')}
            value={value}
            onChange={(v) => (merge.reset(), setValue(v.slice(0, 10)))}
            {...errs.field('into')}
            slotProps={{ htmlInput: { 'data-testid': 'merge-number' } }}
          />
          <TicketPreview n={n} self={ticket.number} />
          {ready && (
            <Alert severity="info" data-testid="merge-warning">
              {t('merge.confirmText', { from: f.digits(ticket.number), to: f.digits(n) })}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={merge.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          color="warning"
          disabled={!ready || merge.isPending}
          onClick={() => merge.mutate()}
          data-testid="merge-confirm"
        >
          {t('merge.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
