import { Box, Link, Stack, Typography } from '@mui/material';
import AttachFile from '@mui/icons-material/AttachFile';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../format';

export type Attachment = ItemOf<'listTicketMessages'>['attachments'][number];

/** C6: each attachment downloads by its name and shows its size. */
export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!attachments.length) return null;
  return (
    <Stack component="ul" spacing={0.5} aria-label={t('thread.attachments')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {attachments.map((a) => (
        <Box component="li" key={a.id} sx={{ display: 'flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
          <AttachFile fontSize="small" color="action" aria-hidden />
          <Link href={a.url} download={a.name} dir="auto" sx={{ wordBreak: 'break-all' }} data-testid="attachment-link">
            {a.name}
          </Link>
          <Typography component="span" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {f.bytes(a.size)}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}
