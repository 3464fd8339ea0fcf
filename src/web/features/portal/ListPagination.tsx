import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageLinks } from '../../ui/PageLinks';
import { PAGE_SIZES } from './listParams';

interface Props {
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}

/** Page links, page size and the count ("1,000+" when the server stopped counting). */
export function ListPagination({ total, totalExact, page, pageSize, onPage, onPageSize }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={1.5}
      alignItems="center"
      justifyContent="space-between"
      sx={{ mt: 2 }}
    >
      <Typography variant="body2" color="text.secondary" data-testid="tickets-total">
        {totalExact
          ? t('portal.list.total', { count: total, n: f.number(total) })
          : t('portal.list.totalMore', { n: f.number(total) })}
      </Typography>
      <PageLinks pages={pages} page={page} onPage={onPage} />
      <TextField
        select
        size="small"
        label={t('portal.list.pageSize')}
        value={pageSize}
        onChange={(e) => onPageSize(Number(e.target.value))}
        sx={{ minWidth: 120 }}
      >
        {PAGE_SIZES.map((s) => (
          <MenuItem key={s} value={s}>
            {f.number(s)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
