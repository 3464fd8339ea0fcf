import { Avatar, Box, Chip, Paper, Stack, Typography } from '@mui/material';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../format';
import { AttachmentLinks } from './AttachmentLinks';

const levelColor = { member: 'default', guest: 'default', agent: 'primary', system: 'secondary' } as const;

/** Styles for the server-sanitised HTML: long words, images and code must not widen the page. */
const bodySx = {
  overflowWrap: 'anywhere',
  lineHeight: 1.8,
  '& img': { maxWidth: '100%', height: 'auto' },
  '& pre': { overflowX: 'auto', p: 1, bgcolor: 'action.hover', borderRadius: 1 },
  '& blockquote': { borderLeft: 3, borderColor: 'divider', m: 0, px: 1.5, color: 'text.secondary' },
  '& table': { display: 'block', overflowX: 'auto', borderCollapse: 'collapse' },
  '& td, & th': { border: 1, borderColor: 'divider', p: 0.5 },
  '& p': { my: 0.5 },
} as const;

/** One message of a thread: author and level, date, body, attachments. Notes are set apart. */
export function ThreadMessage({ message }: { message: ItemOf<'listTicketMessages'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const note = message.kind === 'note';
  const staffSide = message.author.level === 'agent' || message.author.level === 'system';
  return (
    <Paper
      component="article"
      variant="outlined"
      data-testid="thread-message"
      data-kind={message.kind}
      aria-label={t(note ? 'thread.noteBy' : 'thread.messageBy', {
        name: message.author.name || t('thread.unknownAuthor'),
      })}
      sx={{
        p: { xs: 1.5, sm: 2 },
        borderLeftWidth: 4,
        borderLeftColor: note ? 'warning.main' : staffSide ? 'primary.main' : 'divider',
        bgcolor: note ? '#fff8e1' : 'background.paper',
        borderStyle: note ? 'dashed' : 'solid',
      }}
    >
      <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1, flexWrap: 'wrap', rowGap: 0.5 }}>
        <Avatar src={message.author.avatarUrl ?? undefined} alt="" sx={{ width: 32, height: 32 }}>
          {(message.author.name || '?').slice(0, 1)}
        </Avatar>
        <Box sx={{ minWidth: 0, flexGrow: 1 }}>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography component="h3" variant="subtitle2" dir="auto" sx={{ overflowWrap: 'anywhere' }}>
              {message.author.name || t('thread.unknownAuthor')}
            </Typography>
            <Chip
              size="small"
              variant="outlined"
              color={levelColor[message.author.level]}
              label={t(`thread.level.${message.author.level}`)}
            />
            {note && <Chip size="small" color="warning" icon={<LockOutlined aria-hidden />} label={t('thread.note')} />}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            <time dateTime={message.createdAt}>{f.date(message.createdAt)}</time>
            {message.editedAt && ` · ${t('thread.edited')}`}
          </Typography>
        </Box>
      </Stack>
      <Box dir={message.direction} sx={bodySx} dangerouslySetInnerHTML={{ __html: message.body }} />
      {message.attachments.length > 0 && (
        <Box sx={{ mt: 1.5, pt: 1, borderTop: 1, borderColor: 'divider' }}>
          <AttachmentLinks attachments={message.attachments} />
        </Box>
      )}
    </Paper>
  );
}
