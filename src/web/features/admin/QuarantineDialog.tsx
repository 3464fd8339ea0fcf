import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Link as MuiLink,
  Stack,
  TablePagination,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Download from '@mui/icons-material/Download';
import Replay from '@mui/icons-material/Replay';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, operationUrl } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, errorMessage, QueryView } from '../../ui/states';
import type { Mailbox, QuarantinedMail, RetryResult } from './types';
import { isolate } from '../../ui/UserText';

const PAGE_SIZE = 10;
/** Outcomes that point at a ticket (the new one, the one replied to, the earlier import). */
const WITH_TICKET = new Set<RetryResult['outcome']>(['ticket', 'reply', 'duplicate']);

interface Tried {
  entryId: string;
  result?: RetryResult;
  error?: unknown;
}

/**
 * F2: what intake of one mailbox could not import — when, why, the original to download, and
 * "import again" once the cause is fixed (a new customer, a larger upload limit…). An entry
 * that imports leaves the list; the outcome stays written on top.
 */
export function QuarantineDialog({ mailbox, onClose }: { mailbox: Mailbox; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [tried, setTried] = useState<Tried | null>(null);
  const key = ['admin', 'mailboxes', 'quarantine', mailbox.id] as const;
  const list = useQuery({
    queryKey: [...key, { page }],
    queryFn: () => call('listQuarantine', { path: { id: mailbox.id }, query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });

  // The last entry of a later page imported: show the page before.
  const emptyLater = !!list.data && list.data.items.length === 0 && page > 1;
  useEffect(() => {
    if (emptyLater) setPage((p) => Math.max(1, p - 1));
  }, [emptyLater]);

  const retry = useMutation({
    mutationFn: (entry: QuarantinedMail) =>
      call('retryQuarantinedMessage', { path: { id: mailbox.id, entryId: entry.id } }),
    onMutate: (entry) => setTried({ entryId: entry.id }),
    onSuccess: (result, entry) => {
      setTried({ entryId: entry.id, result });
      void qc.invalidateQueries({ queryKey: key });
      if (result.outcome === 'ticket' || result.outcome === 'reply')
        void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (error, entry) => setTried({ entryId: entry.id, error }),
  });

  const outcome = (r: RetryResult) => {
    const number = r.ticketNumber === null ? null : f.digits(r.ticketNumber);
    const text =
      number !== null && WITH_TICKET.has(r.outcome)
        ? t(`admin.quarantine.outcome.${r.outcome}`, { number })
        : t(`admin.quarantine.outcomeNoTicket.${r.outcome}`);
    return (
      <Alert
        severity={r.outcome === 'quarantined' ? 'warning' : r.outcome === 'ignored' ? 'info' : 'success'}
        role="status"
        data-testid="quarantine-outcome"
        data-outcome={r.outcome}
      >
        {text}
        {number !== null && WITH_TICKET.has(r.outcome) && (
          <>
            {' '}
            <MuiLink component={Link} to={`/agent/tickets/${r.ticketNumber}`}>
              {t('admin.quarantine.openTicket', { number })}
            </MuiLink>
          </>
        )}
      </Alert>
    );
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullScreen={phone}
      fullWidth
      maxWidth="md"
      aria-labelledby="quarantine-title"
      data-testid="quarantine-dialog"
    >
      <DialogTitle id="quarantine-title">{t('admin.quarantine.title', { name: isolate(mailbox.address) })}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('admin.quarantine.intro')}
        </Typography>
        {/* The last "import again", kept in view even when its entry has left the list. */}
        <Box aria-live="polite" sx={{ mb: tried && !retry.isPending ? 2 : 0 }}>
          {tried?.result && outcome(tried.result)}
          {tried?.error != null && (
            <Alert severity="error" role="alert">
              {errorMessage(tried.error, t('errors.generic'))}
            </Alert>
          )}
        </Box>
        <Box sx={{ height: 4 }}>
          {list.isFetching && !list.isPending && <LinearProgress aria-label={t('common.loading')} />}
        </Box>
        <QueryView query={list} rows={3}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('admin.quarantine.empty')} hint={t('admin.quarantine.emptyHint')} />
            ) : (
              <>
                <Box
                  component="ul"
                  aria-label={t('admin.quarantine.listLabel')}
                  sx={{ listStyle: 'none', m: 0, p: 0 }}
                  data-testid="quarantine-list"
                >
                  {data.items.map((e) => (
                    <Box
                      component="li"
                      key={e.id}
                      data-testid={`quarantine-entry-${e.id}`}
                      sx={{ py: 1.5, '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' } }}
                    >
                      <Stack
                        direction={{ xs: 'column', sm: 'row' }}
                        spacing={1}
                        sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}
                      >
                        <Box sx={{ minWidth: 0 }}>
                          <Typography variant="subtitle2" component="p">
                            <time dateTime={e.createdAt}>{f.date(e.createdAt)}</time>
                          </Typography>
                          <Typography
                            variant="body2"
                            color={e.reason === 'locked' ? 'warning.dark' : e.error ? 'error' : 'text.secondary'}
                            dir="auto"
                            sx={{ overflowWrap: 'anywhere' }}
                          >
                            {e.reason === 'locked'
                              ? t('admin.quarantine.locked', { number: e.ticketNumber ?? '' })
                              : (e.error ?? t('admin.quarantine.noError'))}
                          </Typography>
                          {e.messageId && (
                            <Typography
                              variant="caption"
                              color="text.secondary"
                              component="p"
                              sx={{ overflowWrap: 'anywhere' }}
                            >
                              {t('admin.quarantine.messageId')} <bdi dir="ltr">{e.messageId}</bdi>
                            </Typography>
                          )}
                          {!e.hasRaw && (
                            <Typography variant="caption" color="text.secondary" component="p">
                              {t('admin.quarantine.noRaw')}
                            </Typography>
                          )}
                        </Box>
                        <Stack direction="row" spacing={1} sx={{ flexShrink: 0, flexWrap: 'wrap', rowGap: 1 }}>
                          {e.hasRaw && (
                            <Button
                              size="small"
                              startIcon={<Download />}
                              href={operationUrl('getQuarantinedMessage', { path: { id: mailbox.id, entryId: e.id } })}
                              download={`quarantined-${e.id}.eml`}
                              aria-label={t('admin.quarantine.downloadItem', { date: f.date(e.createdAt) })}
                              data-testid={`quarantine-download-${e.id}`}
                            >
                              {t('admin.quarantine.download')}
                            </Button>
                          )}
                          <Button
                            size="small"
                            variant="outlined"
                            startIcon={<Replay />}
                            disabled={!e.hasRaw || retry.isPending}
                            loading={retry.isPending && tried?.entryId === e.id}
                            onClick={() => retry.mutate(e)}
                            aria-label={t('admin.quarantine.retryItem', { date: f.date(e.createdAt) })}
                            data-testid={`quarantine-retry-${e.id}`}
                          >
                            {t('admin.quarantine.retry')}
                          </Button>
                        </Stack>
                      </Stack>
                    </Box>
                  ))}
                </Box>
                {data.total > data.pageSize && (
                  <TablePagination
                    component="div"
                    count={data.total}
                    page={page - 1}
                    rowsPerPage={PAGE_SIZE}
                    rowsPerPageOptions={[PAGE_SIZE]}
                    onPageChange={(_, p) => setPage(p + 1)}
                    labelRowsPerPage={t('admin.common.rowsPerPage')}
                    labelDisplayedRows={({ from, to, count }) =>
                      t('admin.common.displayedRows', {
                        from: f.number(from),
                        to: f.number(to),
                        count: f.number(count),
                      })
                    }
                    getItemAriaLabel={(type) => t(`admin.common.page_${type}`)}
                    sx={{ borderTop: 1, borderColor: 'divider' }}
                  />
                )}
              </>
            )
          }
        </QueryView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
