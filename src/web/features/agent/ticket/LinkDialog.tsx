import { useDeferredValue, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { FormError, fieldErrors } from '../../../ui/form';
import { useFormat } from '../../../ui/format';
import { NumberField } from '../../../ui/NumberField';
import { TicketPreview, useTicketPreview } from './MergeDialog';
import { ticketKey } from './queries';
import type { TTicket } from './types';

export const LINK_KINDS = ['related', 'duplicate_of', 'duplicated_by', 'parent_of', 'child_of'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** K9: link this ticket with another one (related, duplicate, parent/child), read from this ticket's side. */
export function LinkDialog({ ticket, onClose }: { ticket: TTicket; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<LinkKind>('related');
  const n = Number(useDeferredValue(value)) || 0;
  const preview = useTicketPreview(n, n !== ticket.number);
  const link = useMutation({
    mutationFn: () => call('linkTicket', { path: { number: ticket.number }, body: { number: n, kind } }),
    onSuccess: async (updated) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await qc.invalidateQueries({ queryKey: ['ticket', n] });
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
      onClose();
    },
  });
  const errs = fieldErrors(link.error);
  const ready = n > 0 && n !== ticket.number && !!preview.data;
  return (
    <Dialog
      open
      onClose={link.isPending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="link-title"
      data-testid="link-dialog"
    >
      <DialogTitle id="link-title">{t('merge.linkTitle', { n: f.digits(ticket.number) })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('merge.linkHint')}</DialogContentText>
        <FormError error={link.error} shown={['number', 'kind']} />
        <Stack spacing={2}>
          <TextField
            select
            fullWidth
            label={t('merge.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as LinkKind)}
            {...errs.field('kind')}
            data-testid="link-kind"
          >
            {LINK_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`merge.kinds.${k}`)}
              </MenuItem>
            ))}
          </TextField>
          <NumberField
            fullWidth
            label={t('merge.otherNumber')}
            value={value}
            onChange={(v) => (link.reset(), setValue(v.slice(0, 10)))}
            {...errs.field('number')}
            slotProps={{ htmlInput: { 'data-testid': 'link-number' } }}
          />
          <TicketPreview n={n} self={ticket.number} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={link.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          disabled={!ready || link.isPending}
          onClick={() => link.mutate()}
          data-testid="link-save"
        >
          {t('merge.linkDo')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
