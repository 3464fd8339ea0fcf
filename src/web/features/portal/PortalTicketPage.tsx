import { Alert, Box, Button, Grid, Paper, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { useMe, usePublicSettings } from '../../app/session';
import { EmptyState, ErrorState, Loading, QueryView } from '../../ui/states';
import { PriorityFlag, StatusChip } from '../../ui/ticket-bits';
import { AttachmentLinks } from '../../ui/thread/AttachmentLinks';
import { UserText } from '../../ui/UserText';
import { ReplyComposer, type ReplyInput } from '../../ui/thread/ReplyComposer';
import { RequestThread } from '../catalogue/RequestThread';
import { RequestValuesCard } from '../catalogue/RequestValuesCard';
import { TicketRefResolver } from '../catalogue/TicketRefResolver';
import { MergedBanner } from '../agent/ticket/MergedBanner';
import { TicketRefText } from '../catalogue/TicketRefText';
import { WorkflowPanel } from '../catalogue/WorkflowPanel';
import { CsatCard } from '../csat/CsatCard';
import { CloseTicketButton } from './CloseTicketButton';
import { TicketDetails } from './TicketDetails';

/** D4: one ticket of the customer: its details, the thread, a reply form and "close". Live via the shell's SSE. */
export default function PortalTicketPage() {
  // The address names the ticket by its number or, for a desk request, by its key (SETIRAN-3).
  const raw = useParams().number;
  return <TicketRefResolver raw={raw}>{(number) => <PortalTicket key={number} number={number} />}</TicketRefResolver>;
}

function PortalTicket({ number }: { number: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data;
  const settings = usePublicSettings();
  const valid = Number.isInteger(number) && number > 0;
  const ticket = useQuery({
    queryKey: ['ticket', number],
    queryFn: () => call('getTicket', { path: { number } }),
    enabled: valid,
  });
  const messages = useQuery({
    queryKey: ['ticket', number, 'messages'],
    queryFn: () => call('listTicketMessages', { path: { number } }),
    enabled: valid,
  });
  const reply = useMutation({
    mutationFn: (input: ReplyInput) =>
      call('addTicketMessage', { path: { number }, body: { ...input, kind: 'reply' } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['ticket', number] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });

  if (!valid || (ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 403)))
    return (
      <Box>
        <Typography variant="h5" component="h1">
          {t('portal.ticket.notFound')}
        </Typography>
        <EmptyState
          title={t('portal.ticket.notFoundHint')}
          action={
            <Button component={Link} to="/portal/tickets" variant="contained">
              {t('portal.ticket.toList')}
            </Button>
          }
        />
      </Box>
    );
  if (ticket.isPending) return <Loading />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;
  const mine = !!me && tk.requester.id === me.user.id;
  const files = (messages.data?.items ?? []).flatMap((m) => m.attachments);
  const limits = settings.data?.limits;

  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="body2" color="text.secondary" data-testid="ticket-number">
          <TicketRefText ticket={tk} />
        </Typography>
        <Stack
          direction={{ xs: 'column', sm: 'row' }}
          spacing={1.5}
          justifyContent="space-between"
          alignItems={{ xs: 'flex-start', sm: 'center' }}
        >
          <Typography variant="h5" component="h1" dir="auto" sx={{ overflowWrap: 'anywhere' }}>
            {tk.subject}
          </Typography>
          {mine && !tk.workflowStatus && (tk.status === 'active' || tk.status === 'pending') && (
            <CloseTicketButton number={number} />
          )}
        </Stack>
        <Stack direction="row" alignItems="center" useFlexGap sx={{ mt: 1, flexWrap: 'wrap', columnGap: 2, rowGap: 1 }}>
          <Box data-testid="ticket-status" data-status={tk.status}>
            <StatusChip status={tk.status} />
          </Box>
          <Stack direction="row" spacing={0.5} alignItems="center">
            <PriorityFlag priority={tk.priority} />
            <Typography variant="body2">{t(`priority.${tk.priority}`)}</Typography>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            <UserText>{tk.department.name}</UserText>
          </Typography>
        </Stack>
      </Box>
      {tk.status === 'pending' && !tk.workflowStatus && (
        <Alert severity="warning">{t('portal.ticket.pendingHint')}</Alert>
      )}
      {tk.mergedInto !== null && <MergedBanner into={tk.mergedInto} base="/portal/tickets" />}
      <WorkflowPanel ticket={tk} number={number} forRequester />

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Stack spacing={2}>
            <Box component="section" aria-labelledby="thread-heading">
              <Typography id="thread-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
                {t('portal.ticket.thread')}
              </Typography>
              <QueryView query={messages} rows={3}>
                {(data) => <RequestThread messages={data.items} />}
              </QueryView>
            </Box>
            {/* A merged request is answered in the one it was merged into (K9; the banner above links it). */}
            {tk.mergedInto === null && (
              <Paper
                variant="outlined"
                component="section"
                aria-labelledby="reply-heading"
                sx={{ p: { xs: 1.5, sm: 2 } }}
              >
                <Typography id="reply-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
                  {t('portal.ticket.replyTitle')}
                </Typography>
                {tk.status === 'locked' ? (
                  <Alert severity="info">{t('portal.ticket.locked')}</Alert>
                ) : (
                  <>
                    {tk.status === 'closed' && (
                      <Alert severity="info" sx={{ mb: 1.5 }}>
                        {t('portal.ticket.closedHint')}
                      </Alert>
                    )}
                    <ReplyComposer
                      onSend={(input) => reply.mutateAsync(input)}
                      pending={reply.isPending}
                      error={reply.error}
                      attachments={{
                        maxMb: limits?.memberMaxUploadMb ?? 5,
                        max: limits?.attachmentsPerMessage ?? 3,
                        uploadOperation: 'uploadFile',
                      }}
                    />
                  </>
                )}
              </Paper>
            )}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Stack spacing={2}>
            <RequestValuesCard ticket={tk} />
            <TicketDetails ticket={tk} />
            <CsatCard csat={tk.csat} own />
            {files.length > 0 && (
              <Paper variant="outlined" component="section" aria-labelledby="files-heading" sx={{ p: 2 }}>
                <Typography id="files-heading" variant="subtitle1" component="h2" sx={{ mb: 1, fontWeight: 600 }}>
                  {t('portal.ticket.files')}
                </Typography>
                <AttachmentLinks attachments={files} />
              </Paper>
            )}
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}
