import { useState } from 'react';
import { Chip, Link, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { latinDigits, useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { CrudTable, type Column } from './CrudTable';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  eventText,
  reasonText,
  STATUS_COLORS,
  type DeliveryStatus,
} from './delivery-texts';

type Delivery = ItemOf<'listDeliveries'>;
type Channel = (typeof DELIVERY_CHANNELS)[number];

/**
 * G1–G3: every e-mail, SMS and push the workspace sent or meant to send, and what became of it —
 * filtered by channel, status and ticket; a skipped or failed one says why.
 */
export default function DeliveriesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const channel = (DELIVERY_CHANNELS as readonly string[]).includes(params.get('channel') ?? '')
    ? (params.get('channel') as Channel)
    : undefined;
  const status = (DELIVERY_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as DeliveryStatus)
    : undefined;
  const ticketNumber = Number(params.get('ticket')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [pageSize, setPageSize] = useState(25);
  const [ticketText, setTicketText] = useState(ticketNumber ? String(ticketNumber) : '');
  const update = (changes: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('page' in changes)) p.delete('page');
    setParams(p, { replace: true });
  };
  const list = useQuery({
    queryKey: ['admin', 'deliveries', { channel, status, ticketNumber, page, pageSize }],
    queryFn: ({ signal }) =>
      call('listDeliveries', { query: { channel, status, ticketNumber, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(channel || status || ticketNumber);

  const columns: Column<Delivery>[] = [
    {
      key: 'to',
      header: t('admin.deliveries.to'),
      render: (d) => (
        <Stack>
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere', fontWeight: 500 }}>
            <bdi dir="ltr">{d.to || '—'}</bdi>
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t(`admin.deliveries.channel.${d.channel}`)}
          </Typography>
        </Stack>
      ),
    },
    { key: 'event', header: t('admin.deliveries.eventHeader'), render: (d) => eventText(t, d.event) },
    {
      key: 'ticket',
      header: t('admin.deliveries.ticket'),
      render: (d) =>
        d.ticketNumber === null ? (
          '—'
        ) : (
          <Link component={RouterLink} to={`/agent/tickets/${d.ticketNumber}`}>
            {f.digits(`#${d.ticketNumber}`)}
          </Link>
        ),
    },
    {
      key: 'status',
      header: t('admin.deliveries.status'),
      render: (d) => (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          <Chip
            size="small"
            variant="outlined"
            color={STATUS_COLORS[d.status]}
            label={t(`admin.deliveries.statuses.${d.status}`)}
            data-testid={`delivery-status-${d.id}`}
          />
          {d.reason && (
            <Typography variant="caption" color="text.secondary" data-testid={`delivery-reason-${d.id}`}>
              {reasonText(t, d.reason)}
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'when',
      header: t('admin.deliveries.when'),
      render: (d) => (
        <Stack>
          <Typography variant="body2" component="time" dateTime={d.createdAt}>
            {f.date(d.createdAt)}
          </Typography>
          {d.sentAt && (
            <Typography variant="caption" color="text.secondary">
              {t('admin.deliveries.sentAt', { date: f.date(d.sentAt) })}
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'details',
      header: t('admin.deliveries.details'),
      render: (d) => (
        <Stack>
          <Typography variant="caption">
            {t('admin.deliveries.attempts', { count: d.attempts, n: f.number(d.attempts) })}
          </Typography>
          {d.parts !== null && (
            <Typography variant="caption">
              {t('admin.deliveries.parts', {
                count: d.parts,
                n: f.number(d.parts),
                price: t('credit.toman', { n: f.number(d.price ?? 0) }),
              })}
            </Typography>
          )}
          {d.provider && (
            <Typography variant="caption" color="text.secondary">
              {t(`admin.sms.providers.${d.provider}`, { defaultValue: d.provider })}
            </Typography>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <AdminPage title={t('admin.deliveries.title')} intro={t('admin.deliveries.intro')}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        role="search"
        aria-label={t('admin.deliveries.filters')}
      >
        <TextField
          select
          size="small"
          label={t('admin.deliveries.channelFilter')}
          value={channel ?? ''}
          onChange={(e) => update({ channel: e.target.value || undefined })}
          sx={{ minWidth: 160 }}
          slotProps={{
            select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'deliveries-channel' } as object },
            inputLabel: { shrink: true },
          }}
        >
          <MenuItem value="">{t('common.all')}</MenuItem>
          {DELIVERY_CHANNELS.map((c) => (
            <MenuItem key={c} value={c}>
              {t(`admin.deliveries.channel.${c}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('admin.deliveries.statusFilter')}
          value={status ?? ''}
          onChange={(e) => update({ status: e.target.value || undefined })}
          sx={{ minWidth: 160 }}
          slotProps={{
            select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'deliveries-status' } as object },
            inputLabel: { shrink: true },
          }}
        >
          <MenuItem value="">{t('common.all')}</MenuItem>
          {DELIVERY_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`admin.deliveries.statuses.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('admin.deliveries.ticketFilter')}
          value={ticketText}
          onChange={(e) => {
            const v = latinDigits(e.target.value).replace(/\D/g, '');
            setTicketText(v);
            update({ ticket: v || undefined });
          }}
          sx={{ width: { sm: 160 } }}
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': 'deliveries-ticket' } }}
        />
      </Stack>
      <QueryView query={list} rows={5}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={filtered ? t('admin.deliveries.emptyFiltered') : t('admin.deliveries.empty')}
              hint={t('admin.deliveries.emptyHint')}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(d) => d.id}
              rowName={(d) => d.to}
              caption={t('admin.deliveries.title')}
              paging={{
                page,
                pageSize,
                total: data.total,
                onPage: (p) => update({ page: p > 1 ? String(p) : undefined }),
                onPageSize: (s) => (setPageSize(s), update({ page: undefined })),
              }}
            />
          )
        }
      </QueryView>
    </AdminPage>
  );
}
