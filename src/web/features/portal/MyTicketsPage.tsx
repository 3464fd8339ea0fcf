import { Box, Button, Paper, Stack, Typography, useMediaQuery, useTheme } from '@mui/material';
import AddCircleOutline from '@mui/icons-material/AddCircleOutline';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../ui/states';
import { ListPagination } from './ListPagination';
import { activeFilterCount, useListParams } from './listParams';
import { useMyTickets } from './lookups';
import { TicketCards } from './TicketCards';
import { TicketFilters } from './TicketFilters';
import { TicketTable } from './TicketTable';
import { ResultsPanel } from './ResultsPanel';

/** D3: the customer's tickets with every filter, search, sort and page size, kept in the address. */
export default function MyTicketsPage() {
  const { t } = useTranslation();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('md'));
  const { filters, update, clear } = useListParams();
  const { page, pageSize, sort, ...rest } = filters;
  const query = useMyTickets({ ...rest, sort, page, pageSize });
  const filtered = activeFilterCount(filters) > 0;

  const newTicket = (
    <Button component={Link} to="/portal/new" variant="contained" startIcon={<AddCircleOutline />}>
      {t('portal.list.newTicket')}
    </Button>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} justifyContent="space-between" alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h5" component="h1">
          {t('portal.list.title')}
        </Typography>
        {newTicket}
      </Stack>
      <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 2 } }}>
        <TicketFilters filters={filters} update={update} clear={clear} />
      </Paper>
      <ResultsPanel label={t('portal.list.results')} query={query}>
        <QueryView query={query} rows={5}>
          {(data) =>
            data.items.length === 0 ? (
              filtered ? (
                <EmptyState
                  title={t('portal.list.noMatch')}
                  hint={t('portal.list.noMatchHint')}
                  action={<Button onClick={clear}>{t('portal.list.clear')}</Button>}
                />
              ) : (
                <EmptyState title={t('portal.list.empty')} hint={t('portal.list.emptyHint')} action={newTicket} />
              )
            ) : (
              <Box>
                {narrow ? (
                  <TicketCards items={data.items} />
                ) : (
                  <TicketTable items={data.items} sort={sort} onSort={(s) => update({ sort: s })} />
                )}
                <ListPagination
                  total={data.total}
                  totalExact={data.totalExact}
                  page={page}
                  pageSize={pageSize}
                  onPage={(p) => update({ page: p })}
                  onPageSize={(s) => update({ pageSize: s })}
                />
              </Box>
            )
          }
        </QueryView>
      </ResultsPanel>
    </Stack>
  );
}
