import { useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import NetworkCheck from '@mui/icons-material/NetworkCheck';
import ReportOutlined from '@mui/icons-material/ReportOutlined';
import Sync from '@mui/icons-material/Sync';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, errorMessage, Loading, QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, usePaging, type Column } from './CrudTable';
import { MailboxDialog } from './MailboxDialog';
import { MailboxTestResult } from './MailboxTestResult';
import { QuarantineDialog } from './QuarantineDialog';
import { useDepartmentsLookup } from './lookups';
import { Notice, useNotice } from './Notice';
import type { Mailbox } from './types';
import { isolate, UserText } from '../../ui/UserText';

/** J1/J2: the mailboxes tickets arrive at and replies leave from, one per department plus the system account. */
export default function MailboxesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { page, pageSize, paging } = usePaging();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Mailbox | null>(null);
  const [testing, setTesting] = useState<Mailbox | null>(null);
  const [quarantine, setQuarantine] = useState<Mailbox | null>(null);
  const n = useNotice();
  const list = useQuery({
    queryKey: ['admin', 'mailboxes', { page, pageSize }],
    queryFn: () => call('listMailboxes', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const departments = useDepartmentsLookup();
  const owner = (m: Mailbox) =>
    m.departmentId === null
      ? t('admin.mailboxes.system')
      : (departments.data?.items.find((d) => d.id === m.departmentId)?.name ?? '…');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'mailboxes'] });
  // F2 "fetch now": the fetch runs as a job; the list is read again when it has likely finished.
  const fetchNow = useMutation({
    mutationFn: (m: Mailbox) => call('fetchMailboxes', { body: { mailboxId: m.id } }),
    onSuccess: (_, m) => {
      n.ok(t('admin.mailboxes.fetchQueued', { name: m.address }));
      refresh();
      setTimeout(refresh, 5_000);
    },
    onError: (err) => n.fail(errorMessage(err, t('errors.generic'))),
  });
  const fetches = (m: Mailbox) => m.active && m.inbound.protocol !== 'none';

  const columns: Column<Mailbox>[] = [
    {
      key: 'address',
      header: t('admin.mailboxes.address'),
      render: (m) => (
        <Stack>
          <Typography variant="body2" dir="ltr" sx={{ fontWeight: 500, textAlign: 'start', overflowWrap: 'anywhere' }}>
            {m.address}
          </Typography>
          {m.displayName && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{m.displayName}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'owner',
      header: t('admin.mailboxes.department'),
      render: (m) => (m.departmentId === null ? owner(m) : <UserText>{owner(m)}</UserText>),
    },
    {
      key: 'inbound',
      header: t('admin.mailboxes.inbound'),
      render: (m) =>
        m.inbound.protocol === 'none' ? (
          t('admin.mailboxes.protocol_none')
        ) : (
          <span>
            {t(`admin.mailboxes.protocol_${m.inbound.protocol}`)} · <bdi dir="ltr">{m.inbound.host ?? '—'}</bdi>
          </span>
        ),
    },
    {
      key: 'outbound',
      header: t('admin.mailboxes.outbound'),
      render: (m) => <bdi dir="ltr">{m.outbound.host ?? '—'}</bdi>,
    },
    { key: 'status', header: t('admin.mailboxes.status'), render: (m) => status(m) },
  ];

  return (
    <AdminPage
      title={t('admin.mailboxes.title')}
      intro={t('admin.mailboxes.intro')}
      createLabel={t('admin.mailboxes.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.mailboxes.empty')} hint={t('admin.mailboxes.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(m) => m.id}
              rowName={(m) => m.address}
              caption={t('admin.mailboxes.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
              extraActions={(m) => (
                <>
                  {fetches(m) && (
                    <Tooltip title={t('admin.mailboxes.fetchItem', { name: isolate(m.address) })}>
                      <IconButton
                        size="small"
                        aria-label={t('admin.mailboxes.fetchItem', { name: m.address })}
                        onClick={() => !(fetchNow.isPending && fetchNow.variables?.id === m.id) && fetchNow.mutate(m)}
                        data-testid={`mailbox-fetch-${m.id}`}
                      >
                        <Sync fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                  <Tooltip title={t('admin.quarantine.item', { name: isolate(m.address) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.quarantine.item', { name: m.address })}
                      onClick={() => setQuarantine(m)}
                      data-testid={`mailbox-quarantine-${m.id}`}
                    >
                      <ReportOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={t('admin.mailboxes.testItem', { name: isolate(m.address) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.mailboxes.testItem', { name: m.address })}
                      onClick={() => setTesting(m)}
                      data-testid={`mailbox-test-${m.id}`}
                    >
                      <NetworkCheck fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </>
              )}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
      {editing && (
        <MailboxDialog
          mailbox={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      {quarantine && <QuarantineDialog mailbox={quarantine} onClose={() => setQuarantine(null)} />}
      {testing && <RowTest mailbox={testing} onClose={() => (setTesting(null), refresh())} />}
      <ConfirmDelete
        name={deleting?.address ?? null}
        hint={t('admin.mailboxes.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteMailbox', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
  function status(m: Mailbox) {
    const s = m.status;
    return (
      <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
          <Chip
            size="small"
            variant="outlined"
            color={m.active ? 'success' : 'default'}
            label={m.active ? t('admin.common.active') : t('admin.common.inactive')}
          />
          {s.consecutiveFailures > 0 && (
            <Chip
              size="small"
              color="error"
              variant="outlined"
              label={t('admin.mailboxes.failures', {
                count: s.consecutiveFailures,
                n: f.number(s.consecutiveFailures),
              })}
            />
          )}
        </Stack>
        {s.lastError && (
          <Typography variant="caption" color="error" sx={{ overflowWrap: 'anywhere' }}>
            {t('admin.mailboxes.lastError', { error: s.lastError })}
          </Typography>
        )}
        {s.lastFetchAt ? (
          <Typography variant="caption" color="text.secondary">
            {t('admin.mailboxes.lastFetch', { date: f.date(s.lastFetchAt) })}
          </Typography>
        ) : (
          fetches(m) &&
          !s.lastError && (
            <Typography variant="caption" color="text.secondary">
              {t('admin.mailboxes.neverFetched')}
            </Typography>
          )
        )}
        {fetches(m) && s.nextFetchAt && (
          <Typography variant="caption" color="text.secondary">
            {t('admin.mailboxes.nextFetch', { date: f.date(s.nextFetchAt) })}
          </Typography>
        )}
      </Stack>
    );
  }
}

/** The saved settings of one mailbox, tried right away from the list. */
function RowTest({ mailbox, onClose }: { mailbox: Mailbox; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useQuery({
    queryKey: ['admin', 'mailboxes', 'test', mailbox.id],
    queryFn: () => call('testMailbox', { path: { id: mailbox.id } }),
    gcTime: 0,
    retry: false,
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="mailbox-test-title">
      <DialogTitle id="mailbox-test-title">
        {t('admin.mailboxes.testTitle', { name: isolate(mailbox.address) })}
      </DialogTitle>
      <DialogContent dividers>
        {run.isFetching || run.isPending ? (
          <Loading />
        ) : run.isError ? (
          <Alert severity="error">{errorMessage(run.error, t('errors.generic'))}</Alert>
        ) : (
          <MailboxTestResult result={run.data} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void run.refetch()} disabled={run.isFetching}>
          {t('admin.mailboxes.testAgain')}
        </Button>
        <Button onClick={onClose} variant="contained">
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
