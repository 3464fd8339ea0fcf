import { Pagination, PaginationItem } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** Page links in the reader's digits, with spoken names for each link. */
export function PageLinks({
  pages,
  page,
  onPage,
  testId,
}: {
  pages: number;
  page: number;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Pagination
      count={pages}
      page={Math.min(page, pages)}
      onChange={(_, p) => onPage(p)}
      siblingCount={0}
      color="primary"
      data-testid={testId}
      getItemAriaLabel={(type, p, selected) =>
        type === 'page'
          ? t(selected ? 'portal.list.pageCurrent' : 'portal.list.pageN', { n: f.number(p ?? 0) })
          : t(`portal.list.pageNav.${type}`)
      }
      renderItem={(item) => <PaginationItem {...item} page={item.page === null ? null : f.number(item.page)} />}
    />
  );
}
