import { Pagination, PaginationItem, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';

/** Page links of a help centre list, in the reader's digits; nothing when it all fits on one page. */
export function HelpPagination({
  total,
  page,
  pageSize,
  onPage,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Stack alignItems="center" sx={{ mt: 2 }}>
      <Pagination
        count={pages}
        page={Math.min(page, pages)}
        onChange={(_, p) => onPage(p)}
        siblingCount={0}
        color="primary"
        data-testid="help-pagination"
        getItemAriaLabel={(type, p, selected) =>
          type === 'page'
            ? t(selected ? 'portal.list.pageCurrent' : 'portal.list.pageN', { n: f.number(p ?? 0) })
            : t(`portal.list.pageNav.${type}`)
        }
        renderItem={(item) => <PaginationItem {...item} page={item.page === null ? null : f.number(item.page)} />}
      />
    </Stack>
  );
}
