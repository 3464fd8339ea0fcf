import { Alert, Box, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import LinkOff from '@mui/icons-material/LinkOff';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { useFormat } from '../../../ui/format';
import { errorMessage } from '../../../ui/states';
import { StatusChip } from '../../../ui/ticket-bits';
import { UserText } from '../../../ui/UserText';
import { ticketKey } from './queries';
import type { TTicket } from './types';

/** K9: the tickets linked with this one, each from this ticket's side, with its status. */
export function LinksCard({ ticket }: { ticket: TTicket }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const me = useMe().data;
  const canEdit = can(me, 'tickets.edit') && !ticket.deleted;
  const remove = useMutation({
    mutationFn: (other: number) =>
      call('unlinkTicket', { path: { number: ticket.number, otherNumber: String(other) } }),
    onSuccess: async (updated, other) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await qc.invalidateQueries({ queryKey: ['ticket', other] });
    },
  });
  if (!ticket.links.length) return null;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="links-title" sx={{ p: 2 }} data-testid="links-card">
      <Typography variant="subtitle1" component="h2" id="links-title" sx={{ mb: 1.5, fontWeight: 600 }}>
        {t('merge.links')}
      </Typography>
      {remove.error != null && (
        <Alert severity="error" sx={{ mb: 1.5 }} onClose={() => remove.reset()}>
          {errorMessage(remove.error, t('errors.generic'))}
        </Alert>
      )}
      <Stack component="ul" spacing={1.25} sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {ticket.links.map((l) => (
          <Box component="li" key={l.number} data-testid="ticket-link" data-number={l.number} data-kind={l.kind}>
            <Typography variant="caption" color="text.secondary" component="div">
              {t(`merge.kinds.${l.kind}`)}
            </Typography>
            <Stack direction="row" alignItems="center" spacing={1}>
              <Typography
                variant="body2"
                component={Link}
                to={`/agent/tickets/${l.number}`}
                sx={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', color: 'primary.main' }}
              >
                <Box component="span" dir="ltr">
                  {t('ticket.numberLabel', { n: f.digits(l.number) })}
                </Box>{' '}
                <UserText>{l.subject}</UserText>
              </Typography>
              <StatusChip status={l.status} />
              {canEdit && (
                <Tooltip title={t('merge.unlink')}>
                  <IconButton
                    size="small"
                    aria-label={t('merge.unlinkFrom', { n: f.digits(l.number) })}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(l.number)}
                    data-testid="unlink"
                  >
                    <LinkOff fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Stack>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}
