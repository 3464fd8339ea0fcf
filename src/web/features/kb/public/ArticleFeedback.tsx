import { Box, Button, Stack, Typography } from '@mui/material';
import ThumbUpOutlined from '@mui/icons-material/ThumbUpOutlined';
import ThumbDownOutlined from '@mui/icons-material/ThumbDownOutlined';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TPublicKbArticle } from '../../../../contracts/kb';
import { useFormat } from '../../../ui/format';
import { errorMessage } from '../../../ui/states';
import { publicArticleKey, sendFeedback } from './api';

/** "Was this article helpful?": one vote per visitor (a second one changes it), with the counts. */
export function ArticleFeedback({ article }: { article: TPublicKbArticle }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const vote = useMutation({
    mutationFn: (helpful: boolean) => sendFeedback(article.slug, helpful),
    // The counts come back with the vote: the article is not loaded again (that would count a view).
    onSuccess: (r) =>
      qc.setQueryData<TPublicKbArticle>(publicArticleKey(article.slug), (a) => (a ? { ...a, ...r } : a)),
  });
  const options = [
    {
      helpful: true,
      mine: 'helpful',
      label: t('kbPublic.feedback.yes'),
      n: article.helpful,
      icon: <ThumbUpOutlined />,
    },
    {
      helpful: false,
      mine: 'notHelpful',
      label: t('kbPublic.feedback.no'),
      n: article.notHelpful,
      icon: <ThumbDownOutlined />,
    },
  ] as const;
  return (
    <Box
      component="section"
      aria-labelledby="help-feedback-title"
      data-testid="help-feedback"
      sx={{ mt: 4, pt: 2, borderTop: 1, borderColor: 'divider' }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }}>
        <Typography variant="subtitle1" component="h2" id="help-feedback-title" sx={{ fontWeight: 600 }}>
          {t('kbPublic.feedback.title')}
        </Typography>
        <Stack direction="row" spacing={1}>
          {options.map((o) => {
            const chosen = article.myVote === o.mine;
            return (
              <Button
                key={o.mine}
                variant={chosen ? 'contained' : 'outlined'}
                startIcon={o.icon}
                aria-pressed={chosen}
                disabled={vote.isPending}
                onClick={() => !chosen && vote.mutate(o.helpful)}
                data-testid={`help-vote-${o.mine}`}
              >
                {o.label}
                <Box component="span" sx={{ marginInlineStart: 1 }} data-testid={`help-count-${o.mine}`}>
                  {t('kbPublic.feedback.count', { n: f.number(o.n) })}
                </Box>
              </Button>
            );
          })}
        </Stack>
      </Stack>
      <Typography variant="body2" color="text.secondary" role="status" sx={{ mt: 1, minHeight: '1.5em' }}>
        {vote.isError
          ? errorMessage(vote.error, t('errors.generic'))
          : article.myVote
            ? t('kbPublic.feedback.thanks')
            : ''}
      </Typography>
    </Box>
  );
}
