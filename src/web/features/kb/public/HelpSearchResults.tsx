import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../../ui/states';
import { isolate } from '../../../ui/UserText';
import { HELP_PAGE_SIZE, usePublicArticles } from './api';
import { ArticleRows } from './ArticleRows';
import { HelpPagination } from './HelpPagination';

/** What a help centre search found (in one group, or everywhere), a page at a time. */
export function HelpSearchResults({
  q,
  groupId,
  page,
  onPage,
}: {
  q: string;
  groupId?: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const found = usePublicArticles({ q, groupId, page });
  if (found.isPending) return <Loading rows={3} />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  const { items, total } = found.data;
  return (
    <Box component="section" aria-labelledby="help-results-title" aria-busy={found.isFetching || undefined}>
      <Typography variant="h6" component="h2" id="help-results-title" data-testid="help-results-title">
        {t('kbPublic.results', { count: total, n: f.number(total), q: isolate(q) })}
      </Typography>
      {items.length ? (
        <>
          <ArticleRows items={items} />
          <HelpPagination total={total} page={page} pageSize={HELP_PAGE_SIZE} onPage={onPage} />
        </>
      ) : (
        <EmptyState title={t('kbPublic.noResults')} hint={t('kbPublic.noResultsHint')} />
      )}
    </Box>
  );
}
