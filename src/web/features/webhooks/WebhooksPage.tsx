import { useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import History from '@mui/icons-material/History';
import Key from '@mui/icons-material/Key';
import Send from '@mui/icons-material/Send';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { isAdmin, useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, errorMessage, QueryView } from '../../ui/states';
import { isolate, UserText } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { ConfirmDelete } from '../admin/ConfirmDelete';
import { CrudTable, usePaging, type Column } from '../admin/CrudTable';
import { Notice, useNotice } from '../admin/Notice';
import { eventKey, type Webhook } from './types';
import { WebhookDeliveriesDialog } from './WebhookDeliveriesDialog';
import { WebhookDialog } from './WebhookDialog';
import { WebhookSecretDialog } from './WebhookSecretDialog';

/** K10: the workspace's webhooks (admins only, as the API): events, state, secret, test and delivery log. */
export default function WebhooksPage() {
  const me = useMe().data;
  if (!isAdmin(me)) return <ForbiddenPage />;
  return <WebhooksList />;
}

function WebhooksList() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const { page, pageSize, paging } = usePaging();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<{ value: string; rotated: boolean } | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'webhooks', { page, pageSize }],
    queryFn: () => call('listWebhooks', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'webhooks'] });

  const test = useMutation({
    mutationFn: (w: Webhook) => call('testWebhook', { path: { id: w.id } }),
    onSuccess: () => n.ok(t('admin.webhooks.testQueued')),
    onError: (err) => n.fail(errorMessage(err, t('errors.generic'))),
  });
  const rotate = useMutation({
    mutationFn: (w: Webhook) => call('rotateWebhookSecret', { path: { id: w.id } }),
    onSuccess: (res) => {
      setRotating(null);
      setSecret({ value: res.secret, rotated: true });
      refresh();
    },
  });

  const columns: Column<Webhook>[] = [
    {
      key: 'url',
      header: t('admin.webhooks.url'),
      render: (w) => (
        <Stack sx={{ minWidth: 0 }}>
          <Typography variant="body2" dir="ltr" sx={{ fontWeight: 500, textAlign: 'start', overflowWrap: 'anywhere' }}>
            {w.url}
          </Typography>
          {w.description && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{w.description}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'events',
      header: t('admin.webhooks.events'),
      render: (w) => (
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
          {w.events.map((e) => (
            <Chip key={e} size="small" variant="outlined" label={t(eventKey(e))} />
          ))}
        </Stack>
      ),
    },
    {
      key: 'state',
      header: t('admin.common.state'),
      render: (w) => (
        <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
          <Chip
            size="small"
            variant="outlined"
            color={w.active ? 'success' : 'default'}
            label={w.active ? t('admin.common.active') : t('admin.common.inactive')}
          />
          {w.previousSecretExpiresAt && (
            <Typography variant="caption" color="text.secondary">
              {t('admin.webhooks.previousSecretUntil', { at: f.date(w.previousSecretExpiresAt) })}
            </Typography>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.webhooks.title')}
      intro={t('admin.webhooks.intro')}
      createLabel={t('admin.webhooks.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.webhooks.empty')} hint={t('admin.webhooks.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(w) => w.id}
              rowName={(w) => w.url}
              caption={t('admin.webhooks.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
              extraActions={(w) => (
                <>
                  <Tooltip title={t('admin.webhooks.deliveriesItem', { name: isolate(w.url) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.webhooks.deliveriesItem', { name: w.url })}
                      onClick={() => setLog(w)}
                      data-testid={`webhook-log-${w.id}`}
                    >
                      <History fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  {w.active && (
                    <Tooltip title={t('admin.webhooks.testItem', { name: isolate(w.url) })}>
                      <IconButton
                        size="small"
                        aria-label={t('admin.webhooks.testItem', { name: w.url })}
                        onClick={() => !test.isPending && test.mutate(w)}
                        data-testid={`webhook-test-${w.id}`}
                      >
                        <Send fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                  <Tooltip title={t('admin.webhooks.rotateItem', { name: isolate(w.url) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.webhooks.rotateItem', { name: w.url })}
                      onClick={() => (rotate.reset(), setRotating(w))}
                      data-testid={`webhook-rotate-${w.id}`}
                    >
                      <Key fontSize="small" />
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
        <WebhookDialog
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            refresh();
            if (created) setSecret({ value: created.secret, rotated: false });
            else n.ok(t('admin.common.savedNotice'));
          }}
        />
      )}
      {secret && <WebhookSecretDialog secret={secret.value} rotated={secret.rotated} onClose={() => setSecret(null)} />}
      {log && <WebhookDeliveriesDialog webhook={log} onClose={() => setLog(null)} />}
      <Dialog
        open={rotating !== null}
        onClose={rotate.isPending ? undefined : () => setRotating(null)}
        aria-labelledby="webhook-rotate-title"
        maxWidth="xs"
        fullWidth
      >
        <DialogTitle id="webhook-rotate-title">{t('admin.webhooks.rotateTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('admin.webhooks.rotateText')}</DialogContentText>
          {rotate.isError && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {errorMessage(rotate.error, t('errors.generic'))}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRotating(null)} disabled={rotate.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="contained"
            loading={rotate.isPending}
            onClick={() => rotating && rotate.mutate(rotating)}
            data-testid="webhook-rotate-confirm"
          >
            {t('admin.webhooks.rotate')}
          </Button>
        </DialogActions>
      </Dialog>
      <ConfirmDelete
        name={deleting?.url ?? null}
        hint={t('admin.webhooks.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteWebhook', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
