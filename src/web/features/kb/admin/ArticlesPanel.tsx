import { useState } from 'react';
import { Box, Link, Stack, Typography } from '@mui/material';
import ThumbUpOutlined from '@mui/icons-material/ThumbUpOutlined';
import ThumbDownOutlined from '@mui/icons-material/ThumbDownOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { call } from '../../../app/api';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { UserText } from '../../../ui/UserText';
import { ConfirmDelete } from '../../admin/ConfirmDelete';
import { CrudTable, type Column } from '../../admin/CrudTable';
import { Notice, useNotice } from '../../admin/Notice';
import { KB_KEY, useKbArticles, useKbGroups, type ArticleFilters as Filters, type KbArticleRow } from './api';
import { ArticleChips } from './ArticleChips';
import { Stat } from './Stat';
import { ArticleFilters } from './ArticleFilters';
import { groupPath } from './model';

const PAGE_SIZES = [10, 25, 50, 100];

/** The filters, kept in the address so that coming back from an article finds the same list. */
function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const size = Number(params.get('size'));
  const filters: Filters = {
    q: params.get('q') ?? '',
    groupId: params.get('group') ?? '',
    visible: (['true', 'false'].includes(params.get('visible') ?? '')
      ? params.get('visible')
      : '') as Filters['visible'],
    internal: (['true', 'false'].includes(params.get('internal') ?? '')
      ? params.get('internal')
      : '') as Filters['internal'],
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(size) ? size : 25,
  };
  const names: Record<keyof Filters, string> = {
    q: 'q',
    groupId: 'group',
    visible: 'visible',
    internal: 'internal',
    page: 'page',
    pageSize: 'size',
  };
  const set = (patch: Partial<Filters>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        // Another filter starts again from the first page.
        const all = { ...patch, ...(patch.page === undefined ? { page: 1 } : {}) };
        for (const [k, v] of Object.entries(all) as Array<[keyof Filters, string | number]>) {
          const empty = v === '' || (k === 'page' && v === 1) || (k === 'pageSize' && v === 25);
          if (empty) next.delete(names[k]);
          else next.set(names[k], String(v));
        }
        return next;
      },
      { replace: true },
    );
  return [filters, set];
}

/** H2: the articles, newest change first; with `kb.manage` each can be opened to edit or deleted. */
export function ArticlesPanel({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [filters, setFilters] = useFilters();
  const groups = useKbGroups();
  const list = useKbArticles(filters);
  const [deleting, setDeleting] = useState<KbArticleRow | null>(null);
  const n = useNotice();
  const all = groups.data ?? [];
  const filtered = !!(filters.q || filters.groupId || filters.visible || filters.internal);

  const columns: Column<KbArticleRow>[] = [
    {
      key: 'title',
      header: t('kbAdmin.articles.title'),
      render: (a) => (
        <Stack spacing={0.5} sx={{ minWidth: 0, maxWidth: 460 }}>
          <Link
            component={RouterLink}
            to={`/agent/kb/articles/${a.id}`}
            sx={{ fontWeight: 500 }}
            data-testid={`kb-article-link-${a.id}`}
          >
            <UserText>{a.title}</UserText>
          </Link>
          {a.summary && (
            <Typography variant="caption" color="text.secondary" dir="auto" sx={{ display: 'block' }} noWrap>
              {a.summary}
            </Typography>
          )}
          <ArticleChips article={a} />
        </Stack>
      ),
    },
    {
      key: 'group',
      header: t('kbAdmin.articles.group'),
      render: (a) => <UserText>{groupPath(all, a.groupId).join(' › ')}</UserText>,
    },
    {
      key: 'stats',
      header: t('kbAdmin.articles.stats'),
      render: (a) => (
        <Stack direction="row" spacing={1.25} sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
          <Stat icon={<VisibilityOutlined />} label={t('kbAdmin.articles.views', { n: f.number(a.views) })}>
            {f.number(a.views)}
          </Stat>
          <Stat icon={<ThumbUpOutlined />} label={t('kbAdmin.articles.helpful', { n: f.number(a.helpful) })}>
            {f.number(a.helpful)}
          </Stat>
          <Stat icon={<ThumbDownOutlined />} label={t('kbAdmin.articles.notHelpful', { n: f.number(a.notHelpful) })}>
            {f.number(a.notHelpful)}
          </Stat>
        </Stack>
      ),
    },
    {
      key: 'updated',
      header: t('kbAdmin.articles.updated'),
      render: (a) => (
        <Box>
          <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
            {f.date(a.updatedAt)}
          </Typography>
          {a.authorName && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{a.authorName}</UserText>
            </Typography>
          )}
        </Box>
      ),
    },
  ];

  return (
    <Stack spacing={1.5}>
      <ArticleFilters filters={filters} groups={all} onChange={setFilters} />
      <QueryView query={list} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={filtered ? t('admin.common.noResults') : t('kbAdmin.articles.empty')}
              hint={
                filtered
                  ? t('admin.common.noResultsHint')
                  : t(manage ? 'kbAdmin.articles.emptyHint' : 'kbAdmin.articles.emptyHintReadOnly')
              }
            />
          ) : (
            <Box data-testid="kb-articles">
              <CrudTable
                rows={data.items}
                columns={columns}
                getId={(a) => a.id}
                rowName={(a) => a.title}
                caption={t('kbAdmin.tab_articles')}
                onEdit={manage ? (a) => void navigate(`/agent/kb/articles/${a.id}`) : undefined}
                onDelete={manage ? setDeleting : undefined}
                actionTestId={(a, action) => `kb-article-${action}-${a.id}`}
                paging={{
                  page: filters.page,
                  pageSize: filters.pageSize,
                  total: data.total,
                  onPage: (page) => setFilters({ page }),
                  onPageSize: (pageSize) => setFilters({ pageSize }),
                }}
              />
            </Box>
          )
        }
      </QueryView>
      <ConfirmDelete
        name={deleting?.title ?? null}
        hint={t('kbAdmin.articles.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteKbArticle', { path: { id: deleting!.id } })}
        onDone={() => {
          void qc.invalidateQueries({ queryKey: KB_KEY });
          n.ok(t('admin.common.deletedNotice'));
        }}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </Stack>
  );
}
