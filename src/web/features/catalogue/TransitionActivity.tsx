import { Box, Paper, Stack, Typography } from '@mui/material';
import SwapHoriz from '@mui/icons-material/SwapHoriz';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { AttachmentLinks } from '../../ui/thread/AttachmentLinks';
import { isolate } from '../../ui/UserText';
import { hasText } from './comment-html';

type Message = ItemOf<'listTicketMessages'>;

/**
 * E2: a step of a request's workflow in the thread, as an activity line rather than a message —
 * for the requester «your request's status changed to …» (the status's customer label), for
 * staff «<who> took «<step>» → <status>» — then the comment given with it and its files.
 */
export function TransitionActivity({ message: m, forRequester }: { message: Message; forRequester: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tr = m.transition!;
  const author = m.author.name || t('ticket.level.system');
  const line = forRequester
    ? t('catalogue.activity.requester', { status: isolate(tr.customerLabel || tr.toName) })
    : t('catalogue.activity.staff', { author: isolate(author), name: isolate(tr.name), to: isolate(tr.toName) });
  const comment = hasText(m.body);
  return (
    <Paper
      component="article"
      variant="outlined"
      aria-label={line}
      data-testid="transition-activity"
      data-transition={tr.id}
      sx={{ p: { xs: 1.25, sm: 1.5 }, bgcolor: 'action.hover', borderStyle: 'dashed' }}
    >
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <SwapHoriz fontSize="small" color="primary" aria-hidden sx={{ mt: 0.25 }} />
        <Box sx={{ minWidth: 0, flexGrow: 1 }}>
          <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }} data-testid="transition-line">
            {line}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {forRequester && m.author.name && <span>{t('catalogue.activity.by', { name: isolate(author) })} · </span>}
            <time dateTime={m.createdAt}>{f.date(m.createdAt)}</time>
          </Typography>
          {comment && (
            <Box
              dir={m.direction}
              data-testid="transition-comment-text"
              sx={{
                mt: 1,
                overflowWrap: 'anywhere',
                lineHeight: 1.8,
                '& p': { my: 0.25 },
                '& img': { maxWidth: '100%' },
              }}
              dangerouslySetInnerHTML={{ __html: m.body }}
            />
          )}
          {m.attachments.length > 0 && (
            <Box sx={{ mt: 1 }}>
              <AttachmentLinks attachments={m.attachments} />
            </Box>
          )}
        </Box>
      </Stack>
    </Paper>
  );
}
