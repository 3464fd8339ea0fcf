import { useState, type ReactNode } from 'react';
import {
  Box,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Tooltip,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Edit from '@mui/icons-material/Edit';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { isolate } from '../../ui/UserText';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
}

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  getId: (row: T) => string;
  /** The row's name, used in the labels of its edit and delete buttons. */
  rowName: (row: T) => string;
  caption: string;
  onEdit?: (row: T) => void;
  onDelete?: (row: T) => void;
  /** Rows that cannot be deleted (one's own account) show no delete button. */
  canDelete?: (row: T) => boolean;
  extraActions?: (row: T) => ReactNode;
  /** The edit and delete buttons' test ids, where a screen names them itself (default `admin-edit-<id>`). */
  actionTestId?: (row: T, action: 'edit' | 'delete') => string;
  paging?: Paging;
}

/**
 * The list of an admin screen: a table on wide screens and a stack of cards on phones, where a
 * table would not fit. The first column is the card's title.
 */
/**
 * Search text, page and page size of a list held in component state; `search(text)` starts
 * again from page 1, `paging(total)` feeds CrudTable.
 */
export function usePaging(initialSize = 25) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const paging = (total: number): Paging => ({
    page,
    pageSize,
    total,
    onPage: setPage,
    onPageSize: (size) => {
      setPageSize(size);
      setPage(1);
    },
  });
  const search = (text: string) => {
    setQ(text);
    setPage(1);
  };
  return { q, search, page, pageSize, setPage, paging };
}

export function CrudTable<T>({
  rows,
  columns,
  getId,
  rowName,
  caption,
  onEdit,
  onDelete,
  canDelete,
  extraActions,
  actionTestId,
  paging,
}: Props<T>) {
  const { t } = useTranslation();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'));
  const hasActions = !!(onEdit || onDelete || extraActions);

  const actions = (row: T) => (
    <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end' }}>
      {extraActions?.(row)}
      {onEdit && (
        <Tooltip title={t('admin.common.editItem', { name: isolate(rowName(row)) })}>
          <IconButton
            size="small"
            aria-label={t('admin.common.editItem', { name: rowName(row) })}
            onClick={() => onEdit(row)}
            data-testid={actionTestId?.(row, 'edit') ?? `admin-edit-${getId(row)}`}
          >
            <Edit fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      {onDelete && (canDelete?.(row) ?? true) && (
        <Tooltip title={t('admin.common.deleteItem', { name: isolate(rowName(row)) })}>
          <IconButton
            size="small"
            aria-label={t('admin.common.deleteItem', { name: rowName(row) })}
            onClick={() => onDelete(row)}
            data-testid={actionTestId?.(row, 'delete') ?? `admin-delete-${getId(row)}`}
          >
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );

  const [first, ...rest] = columns;
  return (
    <Paper variant="outlined">
      {narrow ? (
        <Box component="ul" aria-label={caption} sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {rows.map((row) => (
            <Box
              component="li"
              key={getId(row)}
              data-testid={`admin-row-${getId(row)}`}
              sx={{ p: 1.5, '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' } }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', justifyContent: 'space-between' }}>
                <Box sx={{ minWidth: 0, fontWeight: 500 }}>{first.render(row)}</Box>
                {hasActions && actions(row)}
              </Stack>
              <Box
                component="dl"
                sx={{
                  m: 0,
                  mt: 0.5,
                  display: 'grid',
                  gridTemplateColumns: 'auto 1fr',
                  columnGap: 1.5,
                  rowGap: 0.5,
                  alignItems: 'center',
                }}
              >
                {rest.map((c) => (
                  <Box key={c.key} sx={{ display: 'contents' }}>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {c.header}
                    </Typography>
                    <Box component="dd" sx={{ m: 0, minWidth: 0, typography: 'body2' }}>
                      {c.render(row)}
                    </Box>
                  </Box>
                ))}
              </Box>
            </Box>
          ))}
        </Box>
      ) : (
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={caption}>
            <TableHead>
              <TableRow>
                {columns.map((c) => (
                  <TableCell key={c.key} align={c.align} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {c.header}
                  </TableCell>
                ))}
                {hasActions && (
                  <TableCell align="right" sx={{ fontWeight: 600 }}>
                    {t('common.actions')}
                  </TableCell>
                )}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={getId(row)} hover data-testid={`admin-row-${getId(row)}`}>
                  {columns.map((c) => (
                    <TableCell key={c.key} align={c.align}>
                      {c.render(row)}
                    </TableCell>
                  ))}
                  {hasActions && <TableCell align="right">{actions(row)}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {paging && <Pager paging={paging} />}
    </Paper>
  );
}

function Pager({ paging }: { paging: Paging }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <TablePagination
      component="div"
      count={paging.total}
      page={paging.page - 1}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={paging.onPageSize ? [10, 25, 50, 100] : [paging.pageSize]}
      onPageChange={(_, p) => paging.onPage(p + 1)}
      onRowsPerPageChange={(e) => paging.onPageSize?.(Number(e.target.value))}
      labelRowsPerPage={t('admin.common.rowsPerPage')}
      labelDisplayedRows={({ from, to, count }) =>
        t('admin.common.displayedRows', { from: f.number(from), to: f.number(to), count: f.number(count) })
      }
      getItemAriaLabel={(type) => t(`admin.common.page_${type}`)}
      sx={{ borderTop: 1, borderColor: 'divider' }}
    />
  );
}
