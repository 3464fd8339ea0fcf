import { Stack } from '@mui/material';
import { PageLinks } from '../../../ui/PageLinks';

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
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Stack alignItems="center" sx={{ mt: 2 }}>
      <PageLinks pages={pages} page={page} onPage={onPage} testId="help-pagination" />
    </Stack>
  );
}
