import { Box, Link as MuiLink, List, ListItem, Paper, Typography } from '@mui/material';
import { visuallyHidden } from '../../../ui/visually-hidden';
import MenuBook from '@mui/icons-material/MenuBook';
import OpenInNew from '@mui/icons-material/OpenInNew';
import { useTranslation } from 'react-i18next';
import type { TKbSuggestion } from '../../../../contracts/kb';
import { appPath } from '../../../app/workspace-path';
import { articlePath } from './paths';

/**
 * Under a ticket form's subject: up to five articles that may answer it, each opening in a new tab
 * (the form keeps what was typed) with the form's session, so the opening is counted.
 */
export function KbSuggestions({ items, session }: { items: TKbSuggestion[]; session: string }) {
  const { t } = useTranslation();
  return (
    // A live region from the start (so the suggestions are announced when they come) that takes
    // no room in the form's spacing while it is empty.
    <Box aria-live="polite" sx={{ display: 'contents' }}>
      {items.length > 0 && (
        <Paper
          variant="outlined"
          component="section"
          aria-labelledby="kb-suggestions-title"
          data-testid="kb-suggestions"
          sx={{ mt: 2, p: 1.5, bgcolor: 'action.hover', borderStyle: 'dashed' }}
        >
          <Typography
            variant="subtitle2"
            component="h2"
            id="kb-suggestions-title"
            sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
          >
            <MenuBook fontSize="small" color="primary" aria-hidden />
            {t('kbPublic.suggest.title')}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p">
            {t('kbPublic.suggest.hint')}
          </Typography>
          <List dense disablePadding sx={{ mt: 0.5 }}>
            {items.slice(0, 5).map((a) => (
              <ListItem key={a.slug} disableGutters sx={{ display: 'block', py: 0.5, textAlign: 'start' }}>
                <MuiLink
                  href={appPath(articlePath(a.slug, session))}
                  target="_blank"
                  rel="noopener"
                  data-testid="kb-suggestion"
                  sx={{ fontWeight: 500, display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
                >
                  <bdi dir="auto">{a.title}</bdi>
                  <OpenInNew sx={{ fontSize: 14 }} aria-hidden />
                  <Box component="span" sx={visuallyHidden}>
                    {t('kbPublic.suggest.newTab')}
                  </Box>
                </MuiLink>
                {a.summary && (
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    dir="auto"
                    sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  >
                    {a.summary}
                  </Typography>
                )}
              </ListItem>
            ))}
          </List>
        </Paper>
      )}
    </Box>
  );
}
