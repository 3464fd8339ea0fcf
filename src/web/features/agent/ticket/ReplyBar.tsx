import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import EditNote from '@mui/icons-material/EditNote';
import LockOutlined from '@mui/icons-material/LockOutlined';
import ReplyIcon from '@mui/icons-material/Reply';
import { useTranslation } from 'react-i18next';
import type { ReplyKind } from './ReplyBox';

const Key = ({ k }: { k: string }) => (
  <Box
    component="kbd"
    aria-hidden
    sx={{
      display: { xs: 'none', sm: 'inline' },
      ml: 1,
      px: 0.5,
      border: 1,
      borderColor: 'currentColor',
      borderRadius: 0.5,
      fontFamily: 'monospace',
      fontSize: '0.75rem',
      lineHeight: 1.4,
      opacity: 0.8,
    }}
  >
    {k}
  </Box>
);

/**
 * While the reply box is out of view (a long thread), this bar stays at the bottom of the screen:
 * one click (or r / n) brings the box into view with the cursor in it. It also says when an
 * unsent draft waits there.
 */
export function ReplyBar({
  canReply,
  canNote,
  draftKind,
  onOpen,
}: {
  canReply: boolean;
  canNote: boolean;
  /** What the unsent draft is, if there is one. */
  draftKind: ReplyKind | null;
  onOpen: (kind: ReplyKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      elevation={6}
      data-testid="reply-bar"
      sx={{
        position: 'sticky',
        bottom: { xs: 8, sm: 12 },
        zIndex: 2,
        mt: 2,
        p: 1,
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        flexWrap: 'wrap',
      }}
    >
      <Stack direction="row" spacing={1}>
        {canReply && (
          <Button
            variant="contained"
            startIcon={<ReplyIcon />}
            onClick={() => onOpen('reply')}
            aria-keyshortcuts="R"
            data-testid="reply-bar-reply"
          >
            {t('ticket.bar.reply')}
            <Key k="r" />
          </Button>
        )}
        {canNote && (
          <Button
            variant="outlined"
            color="warning"
            startIcon={<LockOutlined />}
            onClick={() => onOpen('note')}
            aria-keyshortcuts="N"
            data-testid="reply-bar-note"
          >
            {t('ticket.bar.note')}
            <Key k="n" />
          </Button>
        )}
      </Stack>
      {draftKind && (
        <Button
          size="small"
          color="inherit"
          startIcon={<EditNote />}
          onClick={() => onOpen(draftKind)}
          data-testid="reply-bar-draft"
          sx={{ color: 'text.secondary' }}
        >
          <Typography variant="caption" component="span">
            {draftKind === 'note' ? t('ticket.bar.noteDraft') : t('ticket.bar.replyDraft')}
          </Typography>
        </Button>
      )}
    </Paper>
  );
}
