import { Box, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../../ui/states';
import { usePublicGroups } from './api';
import { GroupCards } from './GroupCards';
import { HelpSearchBox } from './HelpSearchBox';
import { HelpSearchResults } from './HelpSearchResults';
import { StillNeedHelp } from './StillNeedHelp';
import { useHelpParams } from './useHelpParams';
import { usePageTitle } from './usePageTitle';

/** The public help centre (issue 17): search, and the top-level groups with their images. */
export default function HelpHomePage() {
  const { t } = useTranslation();
  const { q, page, setQ, setPage } = useHelpParams();
  const groups = usePublicGroups();
  usePageTitle(q ? t('kbPublic.searchTitle', { q }) : t('kbPublic.title'));
  return (
    <Box>
      <Stack spacing={1} sx={{ textAlign: 'center', mb: 3 }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
          {t('kbPublic.title')}
        </Typography>
        <Typography color="text.secondary">{t('kbPublic.intro')}</Typography>
      </Stack>
      <Box role="search" sx={{ mb: 3 }}>
        <HelpSearchBox value={q} onSearch={setQ} label={t('kbPublic.searchLabel')} />
      </Box>
      {q ? (
        <HelpSearchResults q={q} page={page} onPage={setPage} />
      ) : (
        <Box component="section" aria-labelledby="help-groups-title">
          <Typography variant="h6" component="h2" id="help-groups-title" sx={{ mb: 1.5 }}>
            {t('kbPublic.groups')}
          </Typography>
          <QueryView query={groups} rows={3}>
            {(d) => {
              const top = d.items.filter((g) => !g.parentId);
              return top.length ? (
                <GroupCards groups={top} all={d.items} headingLevel="h3" />
              ) : (
                <EmptyState title={t('kbPublic.empty')} hint={t('kbPublic.emptyHint')} />
              );
            }}
          </QueryView>
        </Box>
      )}
      <StillNeedHelp />
    </Box>
  );
}
