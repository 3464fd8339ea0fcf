import { useCallback, useMemo, useRef, useState } from 'react';
import { Box, Grid, Stack, Typography } from '@mui/material';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { NotFoundPage } from '../../app/NotFoundPage';
import { QueryView } from '../../ui/states';
import { useFormat } from '../../ui/format';
import { TicketHeader } from './ticket/TicketHeader';
import { Thread } from './ticket/Thread';
import { ReplyBox, type ReplyBoxHandle } from './ticket/ReplyBox';
import { TicketActions } from './ticket/TicketActions';
import { PeopleCard } from './ticket/PeopleCard';
import { LinksCard } from './ticket/LinksCard';
import { MergedBanner } from './ticket/MergedBanner';
import { LogsPanel } from './ticket/LogsPanel';
import { ShortcutsDialog } from './ticket/ShortcutsDialog';
import { useMessages, useTicket } from './ticket/queries';
import { neighbours, readTicketNav } from './ticket/ticketNav';
import { useTicketShortcuts } from './ticket/useShortcuts';
import { RequestValuesCard } from '../catalogue/RequestValuesCard';
import { TicketRefResolver } from '../catalogue/TicketRefResolver';
import { WorkflowPanel } from '../catalogue/WorkflowPanel';
import { CsatCard } from '../csat/CsatCard';

/** D4 and C9–C22: one ticket as an agent sees it — thread, reply box, actions and logs. */
export default function AgentTicketPage() {
  // A number, or a desk request's key (SETIRAN-3).
  const { number: raw } = useParams();
  return (
    <TicketRefResolver raw={raw}>
      {(n) =>
        n < 1 ? (
          <NotFoundPage />
        ) : (
          // A fresh page per ticket: drafts, dialogs and tabs never leak from one ticket into the next.
          <TicketView key={n} number={n} />
        )
      }
    </TicketRefResolver>
  );
}

function TicketView({ number }: { number: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const f = useFormat();
  const me = useMe().data!;
  const ticket = useTicket(number);
  const messages = useMessages(number);
  const reply = useRef<ReplyBoxHandle>(null);
  const [help, setHelp] = useState(false);
  const nav = useMemo(readTicketNav, []);
  const { prev, next } = neighbours(nav, number);

  useTicketShortcuts(
    {
      next: () => next && void navigate(`/agent/tickets/${next}`),
      prev: () => prev && void navigate(`/agent/tickets/${prev}`),
      reply: () => reply.current?.focus('reply'),
      note: () => reply.current?.focus('note'),
      help: () => setHelp(true),
      leave: () => {
        (document.activeElement as HTMLElement | null)?.blur();
        document.getElementById('thread-title')?.focus();
      },
    },
    useCallback(() => reply.current?.root() ?? null, []),
  );

  return (
    <Box sx={{ maxWidth: 1400, mx: 'auto' }}>
      {!ticket.data && (
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {t('ticket.pageTitle', { n: f.digits(number) })}
        </Typography>
      )}
      <QueryView query={ticket} rows={4}>
        {(tk) => (
          <>
            {tk.mergedInto !== null && <MergedBanner into={tk.mergedInto} />}
            <TicketHeader ticket={tk} listUrl={nav.listUrl} prev={prev} next={next} onHelp={() => setHelp(true)} />
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, md: 8 }}>
                <Thread ticketNumber={number} query={messages} meId={me.user.id} />
                {/* A merged ticket's conversation lives in the ticket it was merged into (K9). */}
                {!tk.deleted && tk.mergedInto === null && (
                  <ReplyBox
                    ref={reply}
                    ticket={tk}
                    messages={messages.data ?? []}
                    meId={me.user.id}
                    canReply={can(me, 'tickets.reply')}
                    canNote={can(me, 'tickets.note')}
                    signatureText={me.user.signature.trim()}
                  />
                )}
              </Grid>
              <Grid size={{ xs: 12, md: 4 }} component="aside" aria-label={t('ticket.sidePanel')}>
                <Stack spacing={2}>
                  <WorkflowPanel ticket={tk} number={number} forRequester={false} />
                  <RequestValuesCard ticket={tk} />
                  <TicketActions ticket={tk} />
                  <PeopleCard ticket={tk} />
                  <CsatCard csat={tk.csat} />
                  <LinksCard ticket={tk} />
                  {can(me, 'tickets.view_logs') && <LogsPanel ticketNumber={number} />}
                </Stack>
              </Grid>
            </Grid>
          </>
        )}
      </QueryView>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </Box>
  );
}
