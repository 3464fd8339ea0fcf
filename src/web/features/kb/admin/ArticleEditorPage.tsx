import { Box, Button, Stack, Typography } from '@mui/material';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ArrowForward from '@mui/icons-material/ArrowForward';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { can, useMe } from '../../../app/session';
import { ErrorState, Loading } from '../../../ui/states';
import { useKbArticle, useKbGroups } from './api';
import { ArticleForm } from './ArticleForm';
import { ArticleReader } from './ArticleReader';

/**
 * H2: `/agent/kb/articles/new` (`?group=` preselects one) and `/agent/kb/articles/:id`. With
 * `kb.manage` the article is written here; other staff read it.
 */
export default function ArticleEditorPage() {
  const me = useMe().data;
  const { id } = useParams();
  const manage = can(me, 'kb.manage');
  if (!id && !manage) return <ForbiddenPage />;
  return <ArticleScreen id={id ?? null} manage={manage} />;
}

function ArticleScreen({ id, manage }: { id: string | null; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const article = useKbArticle(id);
  const groups = useKbGroups();
  const queries = id ? [article, groups] : [groups];
  const failed = queries.find((q) => q.isError);
  const ready = queries.every((q) => q.data !== undefined);
  const Back = i18n.dir() === 'rtl' ? ArrowForward : ArrowBack;
  const title = !id
    ? t('kbAdmin.editor.newTitle')
    : manage
      ? t('kbAdmin.editor.editTitle')
      : t('kbAdmin.editor.readTitle');

  return (
    <Stack spacing={2} sx={{ maxWidth: 1280, minWidth: 0 }}>
      <Box>
        <Button
          component={RouterLink}
          to="/agent/kb"
          startIcon={<Back />}
          size="small"
          data-testid="kb-article-back"
          sx={{ mb: 0.5, mx: -1 }}
        >
          {t('kbAdmin.backToList')}
        </Button>
        <Typography variant="h5" component="h1" data-testid="kb-article-heading">
          {title}
        </Typography>
      </Box>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />
      ) : !ready ? (
        <Loading rows={6} />
      ) : manage ? (
        <ArticleForm
          key={id ?? 'new'}
          article={id ? article.data! : null}
          groups={groups.data!}
          initialGroupId={params.get('group') ?? ''}
        />
      ) : (
        <ArticleReader article={article.data!} groups={groups.data!} />
      )}
    </Stack>
  );
}
