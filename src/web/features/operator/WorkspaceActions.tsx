import { useState } from 'react';
import { IconButton, TextField, Tooltip, Typography } from '@mui/material';
import Block from '@mui/icons-material/Block';
import PlayCircleOutline from '@mui/icons-material/PlayCircleOutline';
import AddCard from '@mui/icons-material/AddCard';
import ReceiptLong from '@mui/icons-material/ReceiptLong';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField } from '../../ui/NumberField';
import { autoDirInput, isolate } from '../../ui/UserText';
import { EntityDialog } from '../admin/EntityDialog';

type Workspace = ItemOf<'listOperatorWorkspaces'>;
type Kind = 'suspend' | 'resume' | 'credit';

/** A workspace row's actions: suspend with a note, resume, grant SMS credit, its payments. */
export function WorkspaceActions({ ws, onDone }: { ws: Workspace; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Kind | null>(null);
  const name = isolate(ws.name);
  const suspended = !!ws.suspendedAt;
  const button = (kind: Kind, label: string, icon: React.ReactNode, disabled = false) => (
    <Tooltip title={label}>
      <span>
        <IconButton
          size="small"
          aria-label={label}
          disabled={disabled}
          onClick={() => setOpen(kind)}
          data-testid={`operator-${kind}-${ws.id}`}
        >
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
  return (
    <>
      {suspended
        ? button('resume', t('operator.workspaces.resumeItem', { name }), <PlayCircleOutline fontSize="small" />)
        : button(
            'suspend',
            t('operator.workspaces.suspendItem', { name }),
            <Block fontSize="small" />,
            ws.state === null,
          )}
      {button('credit', t('operator.workspaces.creditItem', { name }), <AddCard fontSize="small" />)}
      <Tooltip title={t('operator.workspaces.paymentsItem', { name })}>
        <IconButton
          size="small"
          component={Link}
          to={`/operator/payments?workspaceId=${ws.id}&slug=${encodeURIComponent(ws.slug)}`}
          aria-label={t('operator.workspaces.paymentsItem', { name })}
        >
          <ReceiptLong fontSize="small" />
        </IconButton>
      </Tooltip>
      {open === 'suspend' && <SuspendDialog ws={ws} onClose={() => setOpen(null)} onDone={onDone} />}
      {open === 'resume' && <ResumeDialog ws={ws} onClose={() => setOpen(null)} onDone={onDone} />}
      {open === 'credit' && <CreditDialog ws={ws} onClose={() => setOpen(null)} onDone={onDone} />}
    </>
  );
}

interface DialogProps {
  ws: Workspace;
  onClose: () => void;
  onDone: (text: string) => void;
}

function useWorkspaceWrite<T>(fn: () => Promise<T>, done: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['operator', 'workspaces'] });
      done();
    },
  });
}

function SuspendDialog({ ws, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const save = useWorkspaceWrite(
    () => call('suspendWorkspace', { path: { id: ws.id }, body: { note: note.trim() || undefined } }),
    () => (onClose(), onDone(t('operator.workspaces.suspended', { name: isolate(ws.name) }))),
  );
  return (
    <EntityDialog
      open
      danger
      title={t('operator.workspaces.suspendTitle', { name: isolate(ws.name) })}
      submitLabel={t('operator.workspaces.suspend')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['note']}
    >
      <Typography variant="body2">{t('operator.workspaces.suspendHint')}</Typography>
      <TextField
        label={t('operator.workspaces.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        {...fieldErrors(save.error).field('note', t('operator.workspaces.noteHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 500, 'data-testid': 'operator-suspend-note' } }}
      />
    </EntityDialog>
  );
}

function ResumeDialog({ ws, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const save = useWorkspaceWrite(
    () => call('resumeWorkspace', { path: { id: ws.id } }),
    () => (onClose(), onDone(t('operator.workspaces.resumed', { name: isolate(ws.name) }))),
  );
  return (
    <EntityDialog
      open
      title={t('operator.workspaces.resumeTitle', { name: isolate(ws.name) })}
      submitLabel={t('operator.workspaces.resume')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={[]}
    >
      <Typography variant="body2">{t('operator.workspaces.resumeHint')}</Typography>
      {ws.suspensionNote && (
        <Typography variant="body2" color="text.secondary" dir="auto">
          {ws.suspensionNote}
        </Typography>
      )}
    </EntityDialog>
  );
}

function CreditDialog({ ws, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const save = useWorkspaceWrite(
    () => call('grantWorkspaceCredit', { path: { id: ws.id }, body: { amount: Number(amount), note: note.trim() } }),
    () => (
      onClose(),
      onDone(
        t('operator.workspaces.credited', {
          amount: t('credit.toman', { n: f.number(Number(amount)) }),
          name: isolate(ws.name),
        }),
      )
    ),
  );
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={t('operator.workspaces.creditTitle', { name: isolate(ws.name) })}
      submitLabel={t('credit.grant.submit')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['amount', 'note']}
      disabled={!(Number(amount) > 0) || !note.trim()}
    >
      <Typography variant="body2">
        {t('operator.workspaces.creditNow', { amount: t('credit.toman', { n: f.number(ws.credit) }) })}
      </Typography>
      <NumberField
        required
        label={t('credit.grant.amount')}
        value={amount}
        onChange={setAmount}
        {...fe.field('amount', amount ? t('credit.toman', { n: f.number(Number(amount)) }) : undefined)}
        slotProps={{ htmlInput: { 'data-testid': 'operator-credit-amount' } }}
      />
      <TextField
        required
        label={t('credit.grant.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        {...fe.field('note', t('operator.workspaces.creditNoteHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 500, 'data-testid': 'operator-credit-note' } }}
      />
    </EntityDialog>
  );
}
