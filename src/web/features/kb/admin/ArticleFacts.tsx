import { Box, Stack, Typography } from '@mui/material';
import ThumbUpOutlined from '@mui/icons-material/ThumbUpOutlined';
import ThumbDownOutlined from '@mui/icons-material/ThumbDownOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { isolate } from '../../../ui/UserText';
import type { KbArticle } from './api';
import { Stat } from './Stat';

/** A saved article's views, votes, and its last change and author. */
export function ArticleFacts({ article }: { article: KbArticle }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box data-testid="kb-article-facts">
      <Stack direction="row" spacing={2} sx={{ color: 'text.secondary', mb: 0.5 }}>
        <Stat icon={<VisibilityOutlined />} label={t('kbAdmin.articles.views', { n: f.number(article.views) })}>
          {f.number(article.views)}
        </Stat>
        <Stat icon={<ThumbUpOutlined />} label={t('kbAdmin.articles.helpful', { n: f.number(article.helpful) })}>
          {f.number(article.helpful)}
        </Stat>
        <Stat
          icon={<ThumbDownOutlined />}
          label={t('kbAdmin.articles.notHelpful', { n: f.number(article.notHelpful) })}
        >
          {f.number(article.notHelpful)}
        </Stat>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p">
        {article.authorName
          ? t('kbAdmin.editor.updatedBy', { date: f.date(article.updatedAt), name: isolate(article.authorName) })
          : t('kbAdmin.editor.updatedAt', { date: f.date(article.updatedAt) })}
      </Typography>
    </Box>
  );
}
