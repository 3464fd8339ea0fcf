import { Box, Typography } from '@mui/material';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading, QueryView } from '../../../ui/states';
import { HELP_PAGE_SIZE, usePublicArticles, usePublicGroups } from './api';
import { ArticleRows } from './ArticleRows';
import { GroupCards } from './GroupCards';
import { HelpBreadcrumbs } from './HelpBreadcrumbs';
import { HelpPagination } from './HelpPagination';
import { HelpSearchBox } from './HelpSearchBox';
import { HelpSearchResults } from './HelpSearchResults';
import { HelpNotFound } from './HelpNotFound';
import { StillNeedHelp } from './StillNeedHelp';
import { useHelpParams } from './useHelpParams';
import { usePageTitle } from './usePageTitle';

/**
 * One group of the help centre: its subgroups, then its articles a page at a time. Its search box
 * searches the whole help centre (the answer may be in another group), the results in place.
 */
export default function HelpGroupPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { q, page, setQ, setPage } = useHelpParams();
  const groups = usePublicGroups();
  const group = groups.data?.items.find((g) => g.id === id);
  const parent = group?.parentId ? groups.data?.items.find((g) => g.id === group.parentId) : undefined;
  const articles = usePublicArticles({ groupId: id, page }, !!group && !q);
  usePageTitle(group?.name);

  if (groups.isPending) return <Loading />;
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />;
  if (!group) return <HelpNotFound />;
  const subgroups = groups.data.items.filter((g) => g.parentId === group.id);

  return (
    <Box>
      <HelpBreadcrumbs groups={parent ? [parent] : []} current={group.name} />
      <Typography variant="h4" component="h1" dir="auto" sx={{ fontWeight: 700, mb: 2, overflowWrap: 'anywhere' }}>
        {group.name}
      </Typography>
      <Box role="search" sx={{ mb: 3 }}>
        <HelpSearchBox value={q} onSearch={setQ} label={t('kbPublic.searchLabel')} />
      </Box>
      {q ? (
        <HelpSearchResults q={q} page={page} onPage={setPage} />
      ) : (
        <>
          {subgroups.length > 0 && (
            <Box component="section" aria-labelledby="help-subgroups-title" sx={{ mb: 3 }}>
              <Typography variant="h6" component="h2" id="help-subgroups-title" sx={{ mb: 1.5 }}>
                {t('kbPublic.subgroups')}
              </Typography>
              <GroupCards groups={subgroups} all={groups.data.items} headingLevel="h3" />
            </Box>
          )}
          <Box component="section" aria-labelledby="help-group-articles-title">
            <Typography variant="h6" component="h2" id="help-group-articles-title">
              {t('kbPublic.articles')}
            </Typography>
            <QueryView query={articles} rows={3}>
              {(d) =>
                d.items.length ? (
                  <>
                    <ArticleRows items={d.items} />
                    <HelpPagination total={d.total} page={page} pageSize={HELP_PAGE_SIZE} onPage={setPage} />
                  </>
                ) : (
                  <EmptyState title={subgroups.length ? t('kbPublic.noArticlesHere') : t('kbPublic.noArticles')} />
                )
              }
            </QueryView>
          </Box>
        </>
      )}
      <StillNeedHelp />
    </Box>
  );
}
