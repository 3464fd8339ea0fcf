import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { PriorityFlag, StatusChip } from '../../ui/ticket-bits';
import { UserText } from '../../ui/UserText';
import { MessageThread } from '../../ui/thread/MessageThread';
import { ReplyComposer, type ReplyInput } from '../../ui/thread/ReplyComposer';
import { GuestLinkTools } from './GuestLinkTools';
import { displayCode } from './tracking-code';

/** F4: a guest follows its ticket with number and tracking code, and answers in it. */
export default function GuestTicketPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const number = Number(useParams().number);
  const code = useSearchParams()[0].get('code') ?? '';
  const settings = usePublicSettings();
  const valid = Number.isInteger(number) && number > 0 && code.length > 0;
  // Under ['ticket', number] so any invalidation of the ticket reaches it; the code keeps it apart from the member view.
  const key = ['ticket', number, 'guest', code];
  const ticket = useQuery({
    queryKey: key,
    queryFn: () => call('getGuestTicket', { path: { number }, query: { code } }),
    enabled: valid,
    // Guests have no live stream: look for answers now and then while the page is visible.
    refetchInterval: 60_000,
  });
  const reply = useMutation({
    mutationFn: (input: ReplyInput) => call('addGuestMessage', { path: { number }, query: { code }, body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });

  const notFound = !valid || (ticket.error instanceof ApiError && ticket.error.status === 404);
  if (notFound)
    return (
      <Box>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {t('guest.ticket.notFoundTitle')}
        </Typography>
        <EmptyState
          title={t('guest.ticket.notFound')}
          hint={t('guest.ticket.notFoundHint')}
          action={
            <Button component={Link} to="/guest/track" variant="contained">
              {t('guest.ticket.tryAgain')}
            </Button>
          }
        />
      </Box>
    );
  if (ticket.isPending) return <Loading />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;
  const s = settings.data;

  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="body2" color="text.secondary" data-testid="guest-ticket-number" data-value={tk.number}>
          {t('guest.ticket.number', { n: f.digits(tk.number) })}
        </Typography>
        <Typography variant="h5" component="h1" dir="auto" sx={{ overflowWrap: 'anywhere' }}>
          {tk.subject}
        </Typography>
        <Stack
          direction="row"
          alignItems="center"
          useFlexGap
          sx={{ mt: 1, flexWrap: 'wrap', columnGap: 2, rowGap: 1, color: 'text.secondary' }}
        >
          <Box data-testid="ticket-status" data-status={tk.status}>
            <StatusChip status={tk.status} />
          </Box>
          <Stack direction="row" spacing={0.5} alignItems="center">
            <PriorityFlag priority={tk.priority} />
            <Typography variant="body2">{t(`priority.${tk.priority}`)}</Typography>
          </Stack>
          <Typography variant="body2">
            <UserText>{tk.department.name}</UserText>
          </Typography>
          <Typography variant="body2">{t('guest.ticket.created', { date: f.date(tk.createdAt) })}</Typography>
          <Typography variant="body2">{t('guest.ticket.updated', { date: f.date(tk.updatedAt) })}</Typography>
        </Stack>
      </Box>
      {tk.status === 'pending' && <Alert severity="warning">{t('guest.ticket.pendingHint')}</Alert>}
      <GuestLinkTools number={tk.number} code={displayCode(code)} variant="compact" />
      <Box component="section" aria-labelledby="thread-heading">
        <Typography id="thread-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('guest.ticket.thread')}
        </Typography>
        <MessageThread messages={tk.messages} />
      </Box>
      <Paper variant="outlined" component="section" aria-labelledby="reply-heading" sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography id="reply-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('guest.ticket.replyTitle')}
        </Typography>
        {s?.suspended ? (
          <Alert severity="warning">{t('guest.ticket.suspended')}</Alert>
        ) : tk.status === 'locked' ? (
          <Alert severity="info">{t('guest.ticket.locked')}</Alert>
        ) : (
          <>
            {tk.status === 'closed' && (
              <Alert severity="info" sx={{ mb: 1.5 }}>
                {t('guest.ticket.closedHint')}
              </Alert>
            )}
            <ReplyComposer
              onSend={(input) => reply.mutateAsync(input)}
              pending={reply.isPending}
              error={reply.error}
              attachments={
                s?.forms.guestAttachments
                  ? {
                      maxMb: s.limits.guestMaxUploadMb,
                      max: s.limits.attachmentsPerMessage,
                      uploadOperation: 'uploadGuestFile',
                    }
                  : undefined
              }
            />
          </>
        )}
      </Paper>
    </Stack>
  );
}
