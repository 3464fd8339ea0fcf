import { Box, Stack, Typography } from '@mui/material';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { DATE_ONLY, useFormat } from '../../../ui/format';
import { ErrorState, Loading } from '../../../ui/states';
import { isolate } from '../../../ui/UserText';
import { usePublicArticle } from './api';
import { ArticleBody } from './ArticleBody';
import { ArticleFeedback } from './ArticleFeedback';
import { HelpBreadcrumbs } from './HelpBreadcrumbs';
import { HelpNotFound } from './HelpNotFound';
import { StillNeedHelp } from './StillNeedHelp';
import { usePageTitle } from './usePageTitle';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One article of the help centre: where it is (group › subgroup), when it was updated and by
 * whom, its body, "was this helpful?" and the way on to a new ticket about it. Opened from a
 * ticket form's suggestion, the form's session (?suggestion=) goes with the request and is counted.
 */
export default function HelpArticlePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const slug = useParams().slug ?? '';
  const suggestion = useSearchParams()[0].get('suggestion');
  const article = usePublicArticle(slug, suggestion && UUID.test(suggestion) ? suggestion : null);
  usePageTitle(article.data?.title);

  if (article.error instanceof ApiError && article.error.status === 404) return <HelpNotFound />;
  if (article.isPending) return <Loading />;
  if (article.isError) return <ErrorState error={article.error} onRetry={() => void article.refetch()} />;
  const a = article.data;
  const trail = [...(a.parentGroup ? [a.parentGroup] : []), { id: a.group.id, name: a.group.name }];

  return (
    <Box component="article" aria-labelledby="help-article-title">
      <HelpBreadcrumbs groups={trail} />
      <Typography
        variant="h4"
        component="h1"
        id="help-article-title"
        dir="auto"
        data-testid="help-article-title"
        sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}
      >
        {a.title}
      </Typography>
      <Stack
        direction="row"
        useFlexGap
        sx={{ flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, color: 'text.secondary', mt: 1, mb: 3 }}
      >
        <Typography variant="body2" data-testid="help-article-updated">
          {t('kbPublic.updated', { date: f.date(a.updatedAt, DATE_ONLY) })}
        </Typography>
        {a.authorName && (
          <Typography variant="body2" data-testid="help-article-author">
            {t('kbPublic.author', { name: isolate(a.authorName) })}
          </Typography>
        )}
      </Stack>
      {a.summary && (
        <Typography
          variant="subtitle1"
          component="p"
          dir="auto"
          color="text.secondary"
          sx={{ mb: 2, overflowWrap: 'anywhere' }}
        >
          {a.summary}
        </Typography>
      )}
      <ArticleBody html={a.body} lang={a.locale} />
      <ArticleFeedback article={a} />
      <StillNeedHelp subject={a.title} />
    </Box>
  );
}
