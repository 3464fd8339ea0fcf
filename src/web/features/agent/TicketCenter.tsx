import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  IconButton,
  LinearProgress,
  Stack,
  TablePagination,
  Tooltip,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Add from '@mui/icons-material/Add';
import Keyboard from '@mui/icons-material/Keyboard';
import Refresh from '@mui/icons-material/Refresh';
import NotificationsActive from '@mui/icons-material/NotificationsActive';
import MoveToInbox from '@mui/icons-material/MoveToInbox';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { can, useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { BulkBar } from './center/BulkBar';
import { FilterBar } from './center/FilterBar';
import { ImportEmailDialog } from './center/ImportEmailDialog';
import { PAGE_SIZES, filtersToParams, useCenterFilters } from './center/filters';
import { QuickViews } from './center/QuickViews';
import { ShortcutsDialog } from './center/ShortcutsDialog';
import { TicketCards } from './center/TicketCards';
import { TicketTable } from './center/TicketTable';
import { useKeyboardNav } from './center/useKeyboardNav';
import { useLiveChanges } from './center/useLiveChanges';
import { useTicketList } from './center/useTicketList';

/** The current time, refreshed every minute, for waiting times. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** D1, D2, D7: the agents' queue, with every filter in the address, bulk actions and live updates. */
export default function TicketCenter() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe().data;
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('md'));
  const navigate = useNavigate();
  const location = useLocation();
  const { filters, update, reset } = useCenterFilters();
  const list = useTicketList(filters);
  const { changes, newCount, clearNew } = useLiveChanges();
  const now = useNow();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [focusIndex, setFocusIndex] = useState(-1);
  const [help, setHelp] = useState(false);
  const [importing, setImporting] = useState(false);
  // "Refresh list" (F2) also asks the server to fetch the departments' mail now; what it brings
  // arrives as live events. A failure to queue the fetch must not stop the list's refresh.
  const refresh = () => {
    void call('fetchMailboxes', { body: {} }).catch(() => undefined);
    void list.refetch();
  };
  const linkRefs = useRef<Array<HTMLAnchorElement | null>>([]);
  const container = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const items = list.data?.items ?? [];
  const canSelect = can(me, 'tickets.bulk');

  // Another view is another list: what was selected or highlighted there does not carry over.
  useEffect(() => {
    setSelected(new Set());
    setFocusIndex(-1);
  }, [location.search]);

  const toggle = useCallback(
    (n: number) => setSelected((s) => (s.has(n) ? new Set([...s].filter((x) => x !== n)) : new Set([...s, n]))),
    [],
  );
  const toggleAll = () =>
    setSelected((s) => (items.every((i) => s.has(i.number)) ? new Set() : new Set(items.map((i) => i.number))));

  useKeyboardNav({
    count: items.length,
    focusIndex,
    setFocusIndex,
    linkRefs,
    container,
    open: (i) => items[i] && void navigate(`/agent/tickets/${items[i].number}`),
    toggle: (i) => canSelect && items[i] && toggle(items[i].number),
    focusSearch: () => searchRef.current?.focus(),
    showHelp: () => setHelp(true),
  });

  const total = list.data
    ? list.data.totalExact
      ? f.number(list.data.total)
      : t('center.atLeast', { n: f.number(list.data.total) })
    : '';
  const isDefault = filtersToParams({ ...filters, sort: 'waiting', pageSize: 25, page: 1 }).toString() === '';
  const viewProps = {
    items,
    selected,
    canSelect,
    onToggle: toggle,
    onToggleAll: toggleAll,
    focusIndex,
    onFocusRow: setFocusIndex,
    changes,
    now,
    linkRefs,
  };

  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('center.title')}
        </Typography>
        {newCount > 0 && (
          <Button
            size="small"
            color="success"
            variant="outlined"
            startIcon={<NotificationsActive />}
            onClick={() => {
              clearNew();
              if (filters.page !== 1) update({ page: 1 });
              window.scrollTo({ top: 0, behavior: 'smooth' });
            }}
            data-testid="center-new-count"
          >
            {t('center.newTickets', { count: newCount, n: f.number(newCount) })}
          </Button>
        )}
        <Tooltip title={t('center.refresh')}>
          <IconButton aria-label={t('center.refresh')} onClick={refresh} disabled={list.isFetching}>
            <Refresh />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('center.keys.title')}>
          <IconButton aria-label={t('center.keys.title')} onClick={() => setHelp(true)} aria-keyshortcuts="?">
            <Keyboard />
          </IconButton>
        </Tooltip>
        {can(me, 'tickets.import') &&
          (narrow ? (
            <Tooltip title={t('center.import.button')}>
              <IconButton
                aria-label={t('center.import.button')}
                onClick={() => setImporting(true)}
                data-testid="center-import"
              >
                <MoveToInbox />
              </IconButton>
            </Tooltip>
          ) : (
            <Button
              variant="outlined"
              startIcon={<MoveToInbox />}
              onClick={() => setImporting(true)}
              data-testid="center-import"
            >
              {t('center.import.button')}
            </Button>
          ))}
        {can(me, 'tickets.create') && (
          <Button component={Link} to="/agent/new" variant="contained" startIcon={<Add />}>
            {t('center.newTicket')}
          </Button>
        )}
      </Stack>
      <QuickViews filters={filters} apply={(next) => reset(next)} canDelete={can(me, 'tickets.delete')} />
      <FilterBar
        filters={filters}
        update={update}
        reset={() => reset({ sort: filters.sort, pageSize: filters.pageSize })}
        searchRef={searchRef}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} aria-live="polite" data-testid="center-total">
        {list.data ? t('center.total', { count: list.data.total, n: total }) : '\u00a0'}
      </Typography>
      <Box sx={{ height: 4 }}>
        {list.isFetching && !list.isPending && <LinearProgress aria-label={t('common.loading')} />}
      </Box>
      <Box ref={container}>
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title={t('center.empty')}
            hint={isDefault ? t('center.emptyQueueHint') : t('center.emptyHint')}
            action={
              !isDefault && (
                <Button onClick={() => reset({ sort: filters.sort, pageSize: filters.pageSize })}>
                  {t('center.resetFilters')}
                </Button>
              )
            }
          />
        ) : narrow ? (
          <TicketCards {...viewProps} />
        ) : (
          <TicketTable {...viewProps} sort={filters.sort} onSort={(sort) => update({ sort })} />
        )}
      </Box>
      {list.data && list.data.total > 0 && (
        <TablePagination
          component="div"
          count={list.data.totalExact ? list.data.total : -1}
          page={filters.page - 1}
          rowsPerPage={filters.pageSize}
          rowsPerPageOptions={[...PAGE_SIZES]}
          onPageChange={(_, p) => update({ page: p + 1 })}
          onRowsPerPageChange={(e) => update({ pageSize: Number(e.target.value) })}
          labelRowsPerPage={t('center.pageSize')}
          labelDisplayedRows={({ from, to }) => t('center.range', { from: f.number(from), to: f.number(to), total })}
          getItemAriaLabel={(type) => t(`center.page.${type}`)}
        />
      )}
      {canSelect && <BulkBar selected={[...selected]} onFinished={(failed) => setSelected(new Set(failed))} />}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      {importing && <ImportEmailDialog open onClose={() => setImporting(false)} />}
    </Box>
  );
}
