import { Box } from '@mui/material';

/**
 * An article's body: HTML the server has sanitised (as message bodies, MessageBody.tsx), in the
 * article's direction; blocks the author set another direction on keep theirs.
 */
export function ArticleBody({ html, lang }: { html: string; lang: 'fa' | 'en' }) {
  return (
    <Box
      dir={lang === 'fa' ? 'rtl' : 'ltr'}
      lang={lang}
      className="kb-article-body"
      data-testid="help-article-body"
      sx={{
        overflowWrap: 'anywhere',
        lineHeight: 1.9,
        fontSize: '1rem',
        '& p': { my: 1 },
        '& h2, & h3, & h4': { mt: 3, mb: 1, lineHeight: 1.4 },
        '& img': { maxWidth: '100%', height: 'auto', borderRadius: 1 },
        '& pre': { overflowX: 'auto', bgcolor: 'action.hover', p: 1.5, borderRadius: 1, direction: 'ltr' },
        '& code': { fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.5, borderRadius: 0.5 },
        '& pre code': { bgcolor: 'transparent', px: 0 },
        '& blockquote': {
          borderInlineStart: (th) => `3px solid ${th.palette.divider}`,
          m: 0,
          paddingInlineStart: 1.5,
          color: 'text.secondary',
        },
        '& table': { display: 'block', overflowX: 'auto', borderCollapse: 'collapse', my: 2 },
        '& th, & td': { border: 1, borderColor: 'divider', px: 1, py: 0.5, verticalAlign: 'top' },
        '& th': { bgcolor: 'action.hover', fontWeight: 600 },
        '& a': { color: 'primary.main' },
        // Persian digits for the numbers of a Persian article's ordered lists.
        ...(lang === 'fa' && { '& ol': { listStyleType: 'persian' } }),
      }}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
