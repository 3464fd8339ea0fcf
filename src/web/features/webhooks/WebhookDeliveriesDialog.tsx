import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  LinearProgress,
  Stack,
  TablePagination,
  Tooltip,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Refresh from '@mui/icons-material/Refresh';
import Replay from '@mui/icons-material/Replay';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, errorMessage, QueryView } from '../../ui/states';
import { isolate } from '../../ui/UserText';
import { eventKey, errorText, type Webhook, type WebhookDelivery } from './types';

const PAGE_SIZE = 20;
const COLOR = { pending: 'warning', succeeded: 'success', failed: 'error' } as const;

/** K10: one webhook's delivery log, newest first: what was sent, how each went, and "send again". */
export function WebhookDeliveriesDialog({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState<string | null>(null);
  const key = ['admin', 'webhooks', 'deliveries', webhook.id] as const;
  const list = useQuery({
    queryKey: [...key, { page }],
    queryFn: () => call('listWebhookDeliveries', { path: { id: webhook.id }, query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    // Pending deliveries move on their own: look again now and then while the log is open.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 5_000 : false),
  });
  const retry = useMutation({
    mutationFn: (d: WebhookDelivery) => call('retryWebhookDelivery', { path: { id: webhook.id, deliveryId: d.id } }),
    onMutate: () => setFailed(null),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
    onError: (err) => setFailed(errorMessage(err, t('errors.generic'))),
  });

  const row = (d: WebhookDelivery) => (
    <Box
      component="li"
      key={d.id}
      data-testid={`webhook-delivery-${d.id}`}
      data-status={d.status}
      sx={{ py: 1.5, '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' } }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, justifyContent: 'space-between' }}>
        <Stack sx={{ gap: 0.5, minWidth: 0 }}>
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" color={COLOR[d.status]} label={t(`admin.webhooks.status_${d.status}`)} />
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {t(eventKey(d.event), { defaultValue: d.event })}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {f.date(d.createdAt)}
            </Typography>
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {t('admin.webhooks.attempts', { count: d.attempts, n: f.number(d.attempts) })}
            {d.lastStatusCode !== null && (
              <> · {t('admin.webhooks.statusCode', { code: f.digits(d.lastStatusCode) })}</>
            )}
            {d.durationMs !== null && <> · {t('admin.webhooks.duration', { ms: f.number(d.durationMs) })}</>}
          </Typography>
          {d.lastError && d.status !== 'succeeded' && (
            <Typography variant="caption" color="error" sx={{ overflowWrap: 'anywhere' }}>
              {errorText(t, d.lastError)}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {d.deliveredAt
              ? t('admin.webhooks.deliveredAt', { at: f.date(d.deliveredAt) })
              : d.nextAttemptAt
                ? t('admin.webhooks.nextAttemptAt', { at: f.date(d.nextAttemptAt) })
                : null}
          </Typography>
          <Typography variant="caption" color="text.secondary" dir="ltr" sx={{ textAlign: 'start' }}>
            <bdi>{d.messageId}</bdi>
          </Typography>
        </Stack>
        {d.status !== 'succeeded' && (
          <Box>
            <Button
              size="small"
              startIcon={<Replay />}
              onClick={() => retry.mutate(d)}
              loading={retry.isPending && retry.variables?.id === d.id}
              data-testid={`webhook-delivery-retry-${d.id}`}
            >
              {t('admin.webhooks.retry')}
            </Button>
          </Box>
        )}
      </Stack>
    </Box>
  );

  return (
    <Dialog
      open
      onClose={onClose}
      fullScreen={phone}
      fullWidth
      maxWidth="md"
      aria-labelledby="webhook-deliveries-title"
      data-testid="webhook-deliveries"
    >
      <DialogTitle id="webhook-deliveries-title" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {t('admin.webhooks.deliveriesTitle', { name: isolate(webhook.url) })}
        </Box>
        <Tooltip title={t('admin.webhooks.refresh')}>
          <IconButton aria-label={t('admin.webhooks.refresh')} onClick={() => void list.refetch()}>
            <Refresh />
          </IconButton>
        </Tooltip>
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('admin.webhooks.deliveriesIntro')}
        </Typography>
        <Box role="alert">
          {failed && (
            <Typography color="error" variant="body2">
              {failed}
            </Typography>
          )}
        </Box>
        <Box sx={{ height: 4 }}>
          {list.isFetching && !list.isPending && <LinearProgress aria-label={t('common.loading')} />}
        </Box>
        <QueryView query={list} rows={3}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('admin.webhooks.noDeliveries')} hint={t('admin.webhooks.noDeliveriesHint')} />
            ) : (
              <>
                <Box component="ul" aria-label={t('admin.webhooks.deliveries')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
                  {data.items.map(row)}
                </Box>
                {data.total > PAGE_SIZE && (
                  <TablePagination
                    component="div"
                    count={data.total}
                    page={page - 1}
                    rowsPerPage={PAGE_SIZE}
                    rowsPerPageOptions={[]}
                    onPageChange={(_, p) => setPage(p + 1)}
                    labelDisplayedRows={({ from, to, count }) =>
                      t('admin.common.displayedRows', {
                        from: f.number(from),
                        to: f.number(to),
                        count: f.number(count),
                      })
                    }
                  />
                )}
              </>
            )
          }
        </QueryView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
