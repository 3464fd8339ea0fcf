import { useState } from 'react';
import { alpha, Avatar, darken, Box, Chip, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import LockOutlined from '@mui/icons-material/LockOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { MessageBody } from './MessageBody';
import { Attachments } from './Attachments';
import { NoteEditDialog } from './NoteEditDialog';
import { NoteDeleteDialog } from './NoteDeleteDialog';
import { DeliveryStatus } from './DeliveryStatus';
import type { TMessage } from './types';

interface Props {
  ticketNumber: number;
  message: TMessage;
  /** The signed-in person may edit and delete it (their own note). */
  own: boolean;
}

/**
 * One entry of the thread. An internal note (C12) never looks like a reply: a tinted, dashed
 * box with a lock icon and a written label, so colour is not the only signal.
 */
export function MessageItem({ ticketNumber, message: m, own }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const note = m.kind === 'note';
  const staffSide = m.author.level === 'agent' || m.author.level === 'system';
  return (
    <Paper
      component="article"
      variant="outlined"
      data-testid="thread-message"
      data-kind={note ? 'note' : 'reply'}
      data-message-id={m.id}
      aria-label={note ? t('ticket.noteBy', { name: m.author.name }) : t('ticket.replyBy', { name: m.author.name })}
      sx={{
        p: { xs: 1.5, sm: 2 },
        ...(note && {
          bgcolor: (th) => alpha(th.palette.warning.main, 0.09),
          borderStyle: 'dashed',
          borderColor: 'warning.main',
        }),
        // After the dashed border so the start edge stays a solid bar.
        borderInlineStart: (th) =>
          `4px solid ${note ? th.palette.warning.main : staffSide ? th.palette.primary.main : th.palette.grey[400]}`,
      }}
    >
      {note && (
        <Stack
          direction="row"
          spacing={0.5}
          alignItems="center"
          sx={{ mb: 1, color: (th) => darken(th.palette.warning.dark, 0.4) }}
        >
          <LockOutlined fontSize="small" aria-hidden />
          <Typography variant="caption" sx={{ fontWeight: 700 }}>
            {t('ticket.internalNoteLabel')}
          </Typography>
        </Stack>
      )}
      <Stack direction="row" spacing={1} alignItems="flex-start" sx={{ mb: 1 }}>
        <Avatar src={m.author.avatarUrl ?? undefined} alt="" sx={{ width: 32, height: 32, fontSize: 14 }}>
          {m.author.name.slice(0, 1)}
        </Avatar>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ flexWrap: 'wrap' }}>
            <Typography variant="subtitle2" component="h3" dir="auto">
              {m.author.name || t('ticket.level.system')}
            </Typography>
            <Chip size="small" label={t(`ticket.level.${m.author.level}`)} sx={{ height: 20 }} />
          </Stack>
          <Typography variant="caption" color="text.secondary" component="div">
            <time dateTime={m.createdAt}>{f.date(m.createdAt)}</time>
            {m.editedAt && ` · ${t('ticket.edited', { date: f.date(m.editedAt) })}`}
          </Typography>
          {!note && m.delivery && <DeliveryStatus delivery={m.delivery} />}
        </Box>
        {own && note && (
          <Stack direction="row">
            <Tooltip title={t('ticket.editNote')}>
              <IconButton
                size="small"
                aria-label={t('ticket.editNote')}
                onClick={() => setEditing(true)}
                data-testid="note-edit"
              >
                <EditOutlined fontSize="small" />
              </IconButton>
            </Tooltip>
            <Tooltip title={t('ticket.deleteNote')}>
              <IconButton
                size="small"
                aria-label={t('ticket.deleteNote')}
                onClick={() => setDeleting(true)}
                data-testid="note-delete"
              >
                <DeleteOutline fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
        )}
      </Stack>
      {(m.cc.length > 0 || (m.bcc?.length ?? 0) > 0) && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1, overflowWrap: 'anywhere' }}>
          {m.cc.length > 0 && <span>{t('ticket.ccLine', { list: m.cc.join(', ') })} </span>}
          {m.bcc && m.bcc.length > 0 && <span>{t('ticket.bccLine', { list: m.bcc.join(', ') })}</span>}
        </Typography>
      )}
      <MessageBody html={m.body} direction={m.direction} />
      <Attachments items={m.attachments} />
      {editing && <NoteEditDialog ticketNumber={ticketNumber} message={m} onClose={() => setEditing(false)} />}
      {deleting && <NoteDeleteDialog ticketNumber={ticketNumber} message={m} onClose={() => setDeleting(false)} />}
    </Paper>
  );
}
