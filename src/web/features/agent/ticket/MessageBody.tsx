import { Box } from '@mui/material';
import type { Direction } from './types';

/** Server-sanitised HTML of a message, in the direction its writer chose (C16). */
export function MessageBody({ html, direction }: { html: string; direction: Direction }) {
  return (
    <Box
      dir={direction}
      className="message-body"
      sx={{
        overflowWrap: 'anywhere',
        lineHeight: 1.8,
        '& p': { my: 0.5 },
        '& img': { maxWidth: '100%', height: 'auto' },
        '& pre': { overflowX: 'auto', bgcolor: 'action.hover', p: 1, borderRadius: 1 },
        '& blockquote': {
          borderInlineStart: (th) => `3px solid ${th.palette.divider}`,
          m: 0,
          paddingInlineStart: 1.5,
          color: 'text.secondary',
        },
        '& table': { display: 'block', overflowX: 'auto', borderCollapse: 'collapse' },
        '& .signature': {
          mt: 1.5,
          pt: 1,
          borderTop: 1,
          borderColor: 'divider',
          borderTopStyle: 'dashed',
          color: 'text.secondary',
          fontSize: '0.875rem',
        },
      }}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
