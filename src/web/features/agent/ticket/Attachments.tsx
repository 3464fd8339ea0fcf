import { Link as MuiLink, Stack, Typography } from '@mui/material';
import AttachFile from '@mui/icons-material/AttachFile';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import type { TMessage } from './types';
import { UserText } from '../../../ui/UserText';

/** C6: each attachment downloads by its name and shows its size. */
export function Attachments({ items }: { items: TMessage['attachments'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!items.length) return null;
  return (
    <Stack
      component="ul"
      aria-label={t('ticket.attachments')}
      spacing={0.5}
      sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}
    >
      {items.map((a) => (
        <Stack component="li" key={a.id} direction="row" spacing={0.5} alignItems="center">
          <AttachFile fontSize="small" aria-hidden sx={{ color: 'text.secondary' }} />
          <MuiLink href={a.url} download={a.name} sx={{ overflowWrap: 'anywhere' }} data-testid="attachment-link">
            <UserText>{a.name}</UserText>
          </MuiLink>
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {t('ticket.attachmentSize', { size: f.bytes(a.size) })}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
