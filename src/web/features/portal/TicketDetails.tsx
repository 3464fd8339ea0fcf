import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { NotifyMeSwitch } from '../../ui/NotifyMeSwitch';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PriorityFlag } from '../../ui/ticket-bits';
import { isolate, UserText } from '../../ui/UserText';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** D4: who asked, where, when, and how long it has waited for an answer. */
export function TicketDetails({ ticket }: { ticket: ResponseOf<'getTicket'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{f.date(iso)}</time> : t('portal.ticket.never'));
  return (
    <Paper variant="outlined" component="section" aria-labelledby="details-heading" sx={{ p: 2 }}>
      <Typography id="details-heading" variant="subtitle1" component="h2" sx={{ mb: 1, fontWeight: 600 }}>
        {t('portal.ticket.details')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
        <Row label={t('portal.ticket.requester')}>
          <Stack component="span">
            <span>
              {t('portal.ticket.requesterLine', {
                name: isolate(ticket.requester.name),
                level: t(`thread.level.${ticket.requester.level}`),
              })}
            </span>
            {ticket.requester.email && (
              <Box component="span" dir="ltr" sx={{ color: 'text.secondary', textAlign: 'left' }}>
                {ticket.requester.email}
              </Box>
            )}
          </Stack>
        </Row>
        <Row label={t('portal.ticket.department')}>
          <UserText>{ticket.department.name}</UserText>
        </Row>
        {ticket.type && (
          <Row label={t('portal.ticket.type')}>
            <UserText>{ticket.type.name}</UserText>
          </Row>
        )}
        <Row label={t('portal.ticket.priority')}>
          <PriorityFlag priority={ticket.priority} /> {t(`priority.${ticket.priority}`)}
        </Row>
        <Row label={t('portal.ticket.created')}>{when(ticket.createdAt)}</Row>
        <Row label={t('portal.ticket.updated')}>{when(ticket.updatedAt)}</Row>
        <Row label={t('portal.ticket.lastReply')}>{when(ticket.lastReplyAt)}</Row>
        {ticket.unansweredFor !== null && (
          <Row label={t('portal.ticket.unansweredFor')}>{f.duration(ticket.unansweredFor)}</Row>
        )}
        {ticket.closedAt && <Row label={t('portal.ticket.closedAt')}>{when(ticket.closedAt)}</Row>}
      </Box>
      <Box sx={{ mt: 1 }}>
        <NotifyMeSwitch number={ticket.number} notifyMe={ticket.notifyMe} />
      </Box>
    </Paper>
  );
}
