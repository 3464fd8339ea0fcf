import { Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { KbArticle, KbGroup } from './api';
import { ArticleChips } from './ArticleChips';
import { ArticleFacts } from './ArticleFacts';
import { ArticleBodyEditor } from './editor/ArticleBodyEditor';
import { groupPath } from './model';

/** An article as staff without `kb.manage` see it: read, not written. */
export function ArticleReader({ article, groups }: { article: KbArticle; groups: KbGroup[] }) {
  const { t } = useTranslation();
  const dir = article.locale === 'en' ? 'ltr' : 'rtl';
  return (
    <Paper variant="outlined" component="article" sx={{ p: { xs: 2, sm: 3 } }} data-testid="kb-article-reader">
      <Stack spacing={1.5}>
        <Typography variant="body2" color="text.secondary" dir="auto">
          {groupPath(groups, article.groupId).join(' › ')}
        </Typography>
        <Typography variant="h4" component="h2" dir="auto">
          {article.title}
        </Typography>
        <ArticleChips article={article} />
        {article.summary && (
          <Typography color="text.secondary" dir="auto">
            {article.summary}
          </Typography>
        )}
        <div dir={dir}>
          <ArticleBodyEditor
            value={article.body}
            onChange={() => undefined}
            label={t('kbAdmin.editor.body')}
            dir={dir}
            readOnly
          />
        </div>
        <ArticleFacts article={article} />
      </Stack>
    </Paper>
  );
}
