import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { ThreadMessage } from './ThreadMessage';

/** The read-only conversation of a ticket, oldest first (as the server sends it). */
export function MessageThread({ messages }: { messages: ItemOf<'listTicketMessages'>[] }) {
  const { t } = useTranslation();
  if (!messages.length)
    return (
      <Typography color="text.secondary" sx={{ py: 2 }}>
        {t('thread.empty')}
      </Typography>
    );
  return (
    <Stack spacing={1.5} data-testid="thread">
      {messages.map((m) => (
        <ThreadMessage key={m.id} message={m} />
      ))}
    </Stack>
  );
}
