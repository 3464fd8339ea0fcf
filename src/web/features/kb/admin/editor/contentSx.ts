import type { Theme } from '@mui/material';

/** How an article's body looks while it is written (as the help centre shows it, near enough). */
export const articleContentSx = (minHeight: number | string = 0) => ({
  '& .ProseMirror': { outline: 'none', lineHeight: 1.9, overflowWrap: 'anywhere', minHeight },
  '& .ProseMirror > * + *': { mt: 1 },
  '& p': { my: 0.5 },
  '& h2': { typography: 'h5', mt: 2, mb: 1 },
  '& h3': { typography: 'h6', mt: 1.5, mb: 0.5 },
  '& h4': { typography: 'subtitle1', fontWeight: 600, mt: 1, mb: 0.5 },
  // A block's own direction decides its alignment ('start', which the RTL style flipping leaves alone).
  '& [dir]': { textAlign: 'start' },
  '& ul, & ol': { paddingInlineStart: 3 },
  '& img': { maxWidth: '100%', height: 'auto', display: 'block', my: 1 },
  '& img.ProseMirror-selectednode': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
  '& a': { color: 'primary.main' },
  '& code': { bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5, fontFamily: 'monospace', fontSize: '0.9em' },
  '& pre': {
    bgcolor: 'action.hover',
    p: 1.5,
    borderRadius: 1,
    overflowX: 'auto',
    direction: 'ltr',
    textAlign: 'start',
    '& code': { bgcolor: 'transparent', p: 0 },
  },
  '& blockquote': {
    borderInlineStart: (th: Theme) => `3px solid ${th.palette.divider}`,
    m: 0,
    paddingInlineStart: 1.5,
    color: 'text.secondary',
  },
  '& .tableWrapper, & table': { overflowX: 'auto' },
  '& table': { borderCollapse: 'collapse', width: '100%', my: 1, tableLayout: 'fixed' },
  '& th, & td': {
    border: 1,
    borderColor: 'divider',
    px: 1,
    py: 0.5,
    verticalAlign: 'top',
    position: 'relative',
    minWidth: 48,
    '& p': { my: 0 },
  },
  '& th': { bgcolor: 'action.hover', fontWeight: 600, textAlign: 'start' },
  '& .selectedCell::after': {
    content: '""',
    position: 'absolute',
    inset: 0,
    bgcolor: 'primary.main',
    opacity: 0.15,
    pointerEvents: 'none',
  },
});
