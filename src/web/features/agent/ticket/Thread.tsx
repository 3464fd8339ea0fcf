import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../../ui/states';
import { TransitionActivity } from '../../catalogue/TransitionActivity';
import { MessageItem } from './MessageItem';
import type { useMessages } from './queries';

/** D4: the whole conversation, replies and internal notes, oldest first. */
export function Thread({
  ticketNumber,
  query,
  meId,
}: {
  ticketNumber: number;
  query: ReturnType<typeof useMessages>;
  meId: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="thread-title">
      <Typography variant="h6" component="h2" id="thread-title" tabIndex={-1} sx={{ mb: 1, outline: 'none' }}>
        {t('ticket.thread')}
      </Typography>
      <QueryView query={query} rows={3}>
        {(messages) =>
          messages.length ? (
            <Stack spacing={1.5} data-testid="thread">
              {messages.map((m) =>
                m.transition ? (
                  <TransitionActivity key={m.id} message={m} forRequester={false} />
                ) : (
                  <MessageItem
                    key={m.id}
                    ticketNumber={ticketNumber}
                    message={m}
                    own={m.kind === 'note' && m.author.id === meId}
                  />
                ),
              )}
            </Stack>
          ) : (
            <EmptyState title={t('ticket.noMessages')} />
          )
        }
      </QueryView>
    </section>
  );
}
