import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { MessageBody } from './MessageBody';
import type { TMessage } from './types';
import { UserText } from '../../../ui/UserText';

interface Props {
  messages: TMessage[];
  sending: boolean;
  onSendAnyway: () => void;
  onReview: () => void;
}

/** C14: someone else wrote while this agent was writing; show what and let the agent decide. */
export function CollisionDialog({ messages, sending, onSendAnyway, onReview }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Dialog
      open
      onClose={onReview}
      fullWidth
      maxWidth="md"
      aria-labelledby="collision-title"
      aria-describedby="collision-desc"
      data-testid="collision-dialog"
    >
      <DialogTitle id="collision-title">{t('ticket.collision.title')}</DialogTitle>
      <DialogContent dividers>
        <Alert severity="warning" id="collision-desc" sx={{ mb: 2 }}>
          {t('ticket.collision.text', { count: messages.length, n: f.number(messages.length) })}
        </Alert>
        <Stack spacing={1.5}>
          {messages.map((m) => (
            <Box
              key={m.id}
              component="article"
              sx={{
                border: 1,
                borderColor: m.kind === 'note' ? 'warning.main' : 'divider',
                borderStyle: m.kind === 'note' ? 'dashed' : 'solid',
                borderRadius: 1,
                p: 1.5,
              }}
              data-testid="collision-message"
            >
              <Typography variant="subtitle2" component="h3">
                <UserText>{m.author.name}</UserText> · {t(`ticket.level.${m.author.level}`)}
                {m.kind === 'note' && ` · ${t('ticket.internalNoteLabel')}`}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1 }}>
                <time dateTime={m.createdAt}>{f.date(m.createdAt)}</time>
              </Typography>
              <MessageBody html={m.body} direction={m.direction} />
            </Box>
          ))}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onReview} data-testid="collision-review">
          {t('ticket.collision.review')}
        </Button>
        <Button
          variant="contained"
          color="warning"
          onClick={onSendAnyway}
          disabled={sending}
          data-testid="collision-send-anyway"
        >
          {t('ticket.collision.sendAnyway')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
