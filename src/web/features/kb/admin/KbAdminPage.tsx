import { Button, Stack, Tab, Tabs } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { can, useMe } from '../../../app/session';
import { AdminPage } from '../../admin/AdminPage';
import { ArticlesPanel } from './ArticlesPanel';
import { GroupsPanel } from './GroupsPanel';

type TabKey = 'articles' | 'groups';

/**
 * H1–H2, staff: the knowledge base — its articles (searched, filtered by group, visibility and
 * audience) and its groups with their subgroups. Everyone on staff reads; `kb.manage` writes.
 */
export default function KbAdminPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const manage = can(me, 'kb.manage');
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'groups' ? 'groups' : 'articles';
  const setTab = (next: TabKey) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (next === 'articles') n.delete('tab');
        else n.set('tab', next);
        return n;
      },
      { replace: true },
    );

  return (
    <AdminPage title={t('kbAdmin.title')} intro={t(manage ? 'kbAdmin.intro' : 'kbAdmin.introReadOnly')}>
      <Stack
        direction="row"
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mt: -1 }}
      >
        <Tabs value={tab} onChange={(_, v: TabKey) => setTab(v)} aria-label={t('kbAdmin.tabs')}>
          <Tab value="articles" label={t('kbAdmin.tab_articles')} data-testid="kb-tab-articles" />
          <Tab value="groups" label={t('kbAdmin.tab_groups')} data-testid="kb-tab-groups" />
        </Tabs>
        {manage && tab === 'articles' && (
          <Button
            component={RouterLink}
            to="/agent/kb/articles/new"
            variant="contained"
            startIcon={<Add />}
            data-testid="kb-new-article"
          >
            {t('kbAdmin.newArticle')}
          </Button>
        )}
      </Stack>
      {tab === 'articles' ? <ArticlesPanel manage={manage} /> : <GroupsPanel manage={manage} />}
    </AdminPage>
  );
}
