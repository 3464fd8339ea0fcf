import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { ThreadMessage } from '../../ui/thread/ThreadMessage';
import { TransitionActivity } from './TransitionActivity';

/**
 * The requester's read-only thread (as ui/thread/MessageThread), where the steps of a desk
 * request's workflow show as activity lines between the messages.
 */
export function RequestThread({ messages }: { messages: ItemOf<'listTicketMessages'>[] }) {
  const { t } = useTranslation();
  if (!messages.length)
    return (
      <Typography color="text.secondary" sx={{ py: 2 }}>
        {t('thread.empty')}
      </Typography>
    );
  return (
    <Stack spacing={1.5} data-testid="thread">
      {messages.map((m) =>
        m.transition ? (
          <TransitionActivity key={m.id} message={m} forRequester />
        ) : (
          <ThreadMessage key={m.id} message={m} />
        ),
      )}
    </Stack>
  );
}
