import { Box, Button, Paper, Stack, Typography, useMediaQuery, useTheme } from '@mui/material';
import AddCircleOutline from '@mui/icons-material/AddCircleOutline';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../ui/states';
import { ListPagination } from '../portal/ListPagination';
import { useDesks, useMyRequests } from './queries';
import { RequestFilters } from './RequestFilters';
import { RequestCards, RequestTable } from './RequestList';
import { useRequestListParams } from './request-list-params';
import { ResultsPanel } from '../portal/ResultsPanel';

/** E2: "my requests" — the person's desk requests with their key, type and workflow status. */
export default function MyRequestsPage() {
  const { t } = useTranslation();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('md'));
  const { filters, update, clear } = useRequestListParams();
  const desks = useDesks();
  const deskList = desks.data?.items ?? [];
  const query = useMyRequests({
    deskId: filters.deskId || undefined,
    requestTypeId: filters.requestTypeId || undefined,
    page: filters.page,
    pageSize: filters.pageSize,
  });
  const filtered = !!(filters.deskId || filters.requestTypeId);

  const newRequest = (
    <Button component={Link} to="/portal/desks" variant="contained" startIcon={<AddCircleOutline />}>
      {t('catalogue.requests.new')}
    </Button>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} justifyContent="space-between" alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h5" component="h1">
          {t('catalogue.requests.title')}
        </Typography>
        {newRequest}
      </Stack>
      <Paper
        variant="outlined"
        sx={{ p: { xs: 1.5, sm: 2 } }}
        component="section"
        aria-label={t('catalogue.requests.filters')}
      >
        <RequestFilters desks={deskList} filters={filters} update={update} />
      </Paper>
      <ResultsPanel label={t('catalogue.requests.results')} query={query}>
        <QueryView query={query} rows={4}>
          {(data) =>
            data.items.length === 0 ? (
              filtered ? (
                <EmptyState
                  title={t('catalogue.requests.noMatch')}
                  action={<Button onClick={clear}>{t('portal.list.clear')}</Button>}
                />
              ) : (
                <EmptyState
                  title={t('catalogue.requests.empty')}
                  hint={t('catalogue.requests.emptyHint')}
                  action={newRequest}
                />
              )
            ) : (
              <Box>
                {narrow ? (
                  <RequestCards items={data.items} desks={deskList} />
                ) : (
                  <RequestTable items={data.items} desks={deskList} />
                )}
                <ListPagination
                  total={data.total}
                  totalExact={data.totalExact}
                  page={filters.page}
                  pageSize={filters.pageSize}
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
