import { useState } from 'react';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import NetworkCheck from '@mui/icons-material/NetworkCheck';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { NumberField } from '../../ui/NumberField';
import { EntityDialog } from './EntityDialog';
import { LabelledSwitch } from './LabelledSwitch';
import { InboundFields, OutboundFields, Section } from './MailboxFields';
import { createBody, initialForm, patchBody, type MailboxForm } from './mailbox-form';
import { MailboxTestResult } from './MailboxTestResult';
import { useDepartmentsLookup } from './lookups';
import type { Mailbox } from './types';
import { isolate, UserText } from '../../ui/UserText';

const SHOWN = [
  'departmentId',
  'address',
  'displayName',
  'active',
  'fetchIntervalMinutes',
  ...['protocol', 'host', 'port', 'tls', 'username', 'password', 'folder', 'afterFetch', 'moveToFolder'].map(
    (k) => `inbound.${k}`,
  ),
  ...['host', 'port', 'tls', 'auth', 'username', 'password'].map((k) => `outbound.${k}`),
];
const SYSTEM = '';

/** Every mailbox (up to 100), to offer only departments that have none yet. */
export const useMailboxesLookup = () =>
  useQuery({
    queryKey: ['admin', 'mailboxes', 'all'],
    queryFn: () => call('listMailboxes', { query: { pageSize: 100 } }),
  });

/** J1/J2: a mailbox's incoming (IMAP/POP3) and outgoing (SMTP) settings, with a test before saving. */
export function MailboxDialog({
  mailbox,
  onClose,
  onSaved,
}: {
  mailbox: Mailbox | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const m = mailbox;
  const [start] = useState(() => initialForm(m));
  const [form, setForm] = useState<MailboxForm>(start);
  const set = (p: Partial<MailboxForm>) => setForm((f) => ({ ...f, ...p }));
  const departments = useDepartmentsLookup();
  const mailboxes = useMailboxesLookup();
  const taken = new Set(
    (mailboxes.data?.items ?? []).filter((x) => x.id !== m?.id).map((x) => x.departmentId ?? SYSTEM),
  );
  const choices = (departments.data?.items ?? []).filter((d) => !taken.has(d.id) || d.id === form.departmentId);

  const save = useMutation({
    mutationFn: async () => {
      if (!m) return call('createMailbox', { body: createBody(form) });
      const body = patchBody(form, start);
      return Object.keys(body).length ? call('updateMailbox', { path: { id: m.id }, body }) : m;
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const test = useMutation({
    mutationFn: () =>
      m
        ? call('testMailbox', { path: { id: m.id }, body: patchBody(form, start) })
        : call('testMailboxSettings', { body: createBody(form) }),
  });
  const error = save.error ?? test.error;
  const fe = fieldErrors(error);

  return (
    <EntityDialog
      open
      wide
      title={m ? t('admin.mailboxes.editTitle', { name: isolate(m.address) }) : t('admin.mailboxes.new')}
      onClose={onClose}
      onSubmit={() => (test.reset(), save.mutate())}
      saving={save.isPending}
      error={error}
      shown={SHOWN}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          required
          autoFocus
          type="email"
          label={t('admin.mailboxes.address')}
          value={form.address}
          onChange={(e) => set({ address: e.target.value })}
          {...fe.field('address')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'mailbox-address' } }}
          sx={{ flex: 1 }}
        />
        <TextField
          label={t('admin.mailboxes.displayName')}
          value={form.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
          {...fe.field('displayName')}
          slotProps={{ htmlInput: { dir: 'auto' } }}
          sx={{ flex: 1 }}
        />
      </Stack>
      <TextField
        select
        label={t('admin.mailboxes.department')}
        value={form.departmentId}
        onChange={(e) => set({ departmentId: e.target.value })}
        {...fe.field('departmentId', t('admin.mailboxes.departmentHint'))}
      >
        {(!taken.has(SYSTEM) || form.departmentId === SYSTEM) && (
          <MenuItem value={SYSTEM}>{t('admin.mailboxes.system')}</MenuItem>
        )}
        {choices.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
        {/* The saved department while the lookup loads, so the select never shows an unknown value. */}
        {form.departmentId !== SYSTEM && !choices.some((d) => d.id === form.departmentId) && (
          <MenuItem value={form.departmentId}>{t('common.loading')}</MenuItem>
        )}
      </TextField>
      <Section title={t('admin.mailboxes.inbound')} />
      <InboundFields
        v={form.inbound}
        set={(p) => set({ inbound: { ...form.inbound, ...p } })}
        fe={fe}
        saved={!!m?.inbound.hasPassword}
      />
      <Section title={t('admin.mailboxes.outbound')} />
      <OutboundFields
        v={form.outbound}
        set={(p) => set({ outbound: { ...form.outbound, ...p } })}
        fe={fe}
        saved={!!m?.outbound.hasPassword}
      />
      <Section title={t('admin.mailboxes.schedule')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
        <NumberField
          label={t('admin.mailboxes.interval')}
          value={form.fetchIntervalMinutes}
          onChange={(v) => set({ fetchIntervalMinutes: v })}
          {...fe.field('fetchIntervalMinutes', t('admin.mailboxes.intervalHint'))}
          sx={{ flex: 1 }}
        />
        <LabelledSwitch
          label={t('admin.mailboxes.activeLabel')}
          checked={form.active}
          onChange={(active) => set({ active })}
          hint={t('admin.mailboxes.activeHint')}
          error={fe.fields.active}
        />
      </Stack>
      <Stack spacing={1} sx={{ pt: 1 }}>
        <Button
          variant="outlined"
          startIcon={<NetworkCheck />}
          loading={test.isPending}
          onClick={() => (save.reset(), test.mutate())}
          data-testid="mailbox-test"
          sx={{ alignSelf: 'flex-start' }}
        >
          {t('admin.mailboxes.testButton')}
        </Button>
        {test.data && !test.isPending && <MailboxTestResult result={test.data} />}
      </Stack>
    </EntityDialog>
  );
}
