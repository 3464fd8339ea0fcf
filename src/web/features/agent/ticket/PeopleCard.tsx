import { Button, Chip, Paper, Stack, Typography } from '@mui/material';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { isStaff, useMe } from '../../../app/session';
import { FormError } from '../../../ui/form';
import { ticketKey } from './queries';
import type { TTicket } from './types';
import { UserText } from '../../../ui/UserText';
import { NotifyMeSwitch } from '../../../ui/NotifyMeSwitch';

function Names({ label, items, empty }: { label: string; items: { id: string; name: string }[]; empty: string }) {
  return (
    <div>
      <Typography variant="caption" color="text.secondary" component="h3">
        {label}
      </Typography>
      {items.length ? (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
          {items.map((i) => (
            <Chip key={i.id} size="small" label={<UserText>{i.name}</UserText>} />
          ))}
        </Stack>
      ) : (
        <Typography variant="body2">{empty}</Typography>
      )}
    </div>
  );
}

/** C13, C15: who works on the ticket, who follows it, who gets copies; following is one click. */
export function PeopleCard({ ticket }: { ticket: TTicket }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const following = !!me && ticket.followers.some((f) => f.id === me.user.id);
  // Only the person's own following changes (never the whole list from what this page last read).
  const follow = useMutation({
    mutationFn: () =>
      following
        ? call('unfollowTicket', { path: { number: ticket.number } })
        : call('followTicket', { path: { number: ticket.number } }),
    onSuccess: async (updated) => {
      qc.setQueryData(ticketKey(ticket.number), updated);
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
    },
  });
  const copies = [
    ...ticket.cc.map((c) => ({ id: `cc:${c}`, name: c })),
    ...(ticket.bcc ?? []).map((c) => ({ id: `bcc:${c}`, name: t('ticket.bccChip', { email: c }) })),
  ];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="people-title" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2" id="people-title" sx={{ mb: 1.5, fontWeight: 600 }}>
        {t('ticket.people')}
      </Typography>
      <FormError error={follow.error} />
      <Stack spacing={1.5}>
        <Names label={t('ticket.assignees')} items={ticket.assignees} empty={t('ticket.unassigned')} />
        <Names label={t('ticket.followers')} items={ticket.followers} empty={t('ticket.noFollowers')} />
        {copies.length > 0 && <Names label={t('ticket.copies')} items={copies} empty="" />}
        {isStaff(me) && !ticket.deleted && (
          <Button
            size="small"
            variant="text"
            startIcon={following ? <VisibilityOff /> : <Visibility />}
            disabled={follow.isPending}
            onClick={() => follow.mutate()}
            data-testid="follow-toggle"
            sx={{ alignSelf: 'flex-start' }}
          >
            {following ? t('ticket.unfollow') : t('ticket.follow')}
          </Button>
        )}
        {!ticket.deleted && <NotifyMeSwitch number={ticket.number} notifyMe={ticket.notifyMe} />}
      </Stack>
    </Paper>
  );
}
