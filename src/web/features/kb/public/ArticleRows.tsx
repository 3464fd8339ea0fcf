import { Box, Link as MuiLink, List, ListItem, Typography } from '@mui/material';
import ArticleOutlined from '@mui/icons-material/ArticleOutlined';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TPublicKbArticleRow } from '../../../../contracts/kb';
import { DATE_ONLY, useFormat } from '../../../ui/format';
import { Highlighted } from '../../../ui/SearchSnippet';
import { articlePath } from './paths';

/**
 * Articles as a list: the title (its matched words marked when searched), where the words matched
 * in the text or else the summary, and when it was last updated. Marks are text nodes, never HTML.
 */
export function ArticleRows({ items }: { items: TPublicKbArticleRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <List disablePadding data-testid="help-articles">
      {items.map((a) => (
        <ListItem
          key={a.slug}
          disableGutters
          divider
          // 'start': each line aligned by its own direction (a list item is 'left' otherwise).
          sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, py: 1.5, textAlign: 'start' }}
          data-testid="help-article-row"
        >
          <ArticleOutlined color="action" sx={{ mt: 0.25 }} aria-hidden />
          <Box sx={{ minWidth: 0, flexGrow: 1 }}>
            {/* A block in the title's own direction, as the snippet under it. */}
            <MuiLink
              component={Link}
              to={articlePath(a.slug)}
              dir="auto"
              data-testid="help-article-link"
              sx={{ display: 'block', fontWeight: 600, overflowWrap: 'anywhere' }}
            >
              {a.titleMarks?.length ? <Highlighted text={a.title} marks={a.titleMarks} /> : a.title}
            </MuiLink>
            {a.snippet?.text ? (
              <Typography
                variant="body2"
                color="text.secondary"
                dir="auto"
                data-testid="help-snippet"
                sx={{ overflowWrap: 'anywhere', lineHeight: 1.7 }}
              >
                <Highlighted {...a.snippet} />
              </Typography>
            ) : (
              a.summary && (
                <Typography variant="body2" color="text.secondary" dir="auto" sx={{ overflowWrap: 'anywhere' }}>
                  {a.summary}
                </Typography>
              )
            )}
            <Typography variant="caption" color="text.secondary">
              {t('kbPublic.updated', { date: f.date(a.updatedAt, DATE_ONLY) })}
            </Typography>
          </Box>
        </ListItem>
      ))}
    </List>
  );
}
