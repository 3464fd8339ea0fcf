import { useState } from 'react';
import { Alert, Box, Chip, MenuItem, Stack, TextField } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf, type ResponseOf } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { LabelledSwitch } from './LabelledSwitch';
import { Notice, useNotice } from './Notice';
import { SettingsSection } from './SettingsSection';
import { SmsTestBox } from './SmsTestBox';
import { SubmitButton } from './SubmitButton';

type Gateway = ResponseOf<'getSmsGateway'>;
type Provider = Gateway['provider'];
const PROVIDERS: Provider[] = ['kavenegar', 'smsir', 'melipayamak', 'ghasedak', 'log'];
/** What each vendor signs in with (as the server checks): an API key, or a username and password. */
const NEEDS: Record<Provider, Array<'apiKey' | 'username' | 'password'>> = {
  kavenegar: ['apiKey'],
  smsir: ['apiKey'],
  ghasedak: ['apiKey'],
  melipayamak: ['username', 'password'],
  log: [],
};
export const GATEWAY_KEY = ['admin', 'sms-gateway'] as const;

/** A2/G3: the workspace's SMS gateway — the vendor, its line, its secrets (write-only) — and a test message. */
export default function SmsGatewayPage() {
  const { t } = useTranslation();
  const gateway = useQuery({ queryKey: GATEWAY_KEY, queryFn: ({ signal }) => call('getSmsGateway', { signal }) });
  return (
    <AdminPage title={t('admin.sms.title')} intro={t('admin.sms.intro')}>
      <QueryView query={gateway} rows={6}>
        {(data) => (
          <Stack spacing={2} sx={{ maxWidth: 900 }}>
            <GatewayForm saved={data} />
            <SmsTestBox />
          </Stack>
        )}
      </QueryView>
    </AdminPage>
  );
}

interface Draft {
  provider: Provider;
  sender: string;
  apiKey: string;
  username: string;
  password: string;
  customerStatusSms: boolean;
}

const toDraft = (g: Gateway): Draft => ({
  provider: g.provider,
  sender: g.sender,
  apiKey: '',
  username: g.username ?? '',
  password: '',
  customerStatusSms: g.customerStatusSms,
});

function GatewayForm({ saved }: { saved: Gateway }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const n = useNotice();
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const needs = NEEDS[draft.provider];
  // Secrets are kept per vendor: after a change of vendor the stored ones no longer count.
  const samePlace = saved.configured && draft.provider === saved.provider;
  const save = useMutation({
    mutationFn: () => {
      const body: BodyOf<'putSmsGateway'> = {
        provider: draft.provider,
        sender: draft.sender.trim(),
        customerStatusSms: draft.customerStatusSms,
      };
      // Empty secret fields keep what is stored.
      if (needs.includes('apiKey') && draft.apiKey.trim()) body.apiKey = draft.apiKey.trim();
      if (needs.includes('username')) body.username = draft.username.trim();
      if (needs.includes('password') && draft.password) body.password = draft.password;
      return call('putSmsGateway', { body });
    },
    onSuccess: (next) => {
      qc.setQueryData(GATEWAY_KEY, next);
      setDraft(toDraft(next));
      n.ok(t('admin.sms.saved'));
    },
  });
  const fe = fieldErrors(save.error);

  return (
    <SettingsSection id="gateway" title={t('admin.sms.gateway')} hint={t('admin.sms.gatewayHint')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate();
        }}
      >
        <Stack spacing={2}>
          {!saved.configured && (
            <Alert severity="info" data-testid="sms-not-configured">
              {t('admin.sms.notConfigured')}
            </Alert>
          )}
          <FormError error={save.error} shown={['provider', 'sender', 'apiKey', 'username', 'password']} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              select
              fullWidth
              label={t('admin.sms.provider')}
              value={draft.provider}
              onChange={(e) => set('provider', e.target.value as Provider)}
              {...fe.field('provider', t(`admin.sms.providerHint.${draft.provider}`))}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'sms-provider' } as object } }}
            >
              {PROVIDERS.map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`admin.sms.providers.${p}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              fullWidth
              label={t('admin.sms.sender')}
              value={draft.sender}
              onChange={(e) => set('sender', e.target.value)}
              {...fe.field('sender', t('admin.sms.senderHint'))}
              slotProps={{ htmlInput: { dir: 'ltr', maxLength: 30, 'data-testid': 'sms-sender' } }}
            />
          </Stack>
          {needs.includes('apiKey') && (
            <SecretField
              label={t('admin.sms.apiKey')}
              value={draft.apiKey}
              onChange={(v) => set('apiKey', v)}
              stored={samePlace && saved.hasApiKey}
              error={fe.fields.apiKey}
              autoComplete="off"
              ltr
              testId="sms-api-key"
            />
          )}
          {needs.includes('username') && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                fullWidth
                autoComplete="off"
                label={t('admin.sms.username')}
                value={draft.username}
                onChange={(e) => set('username', e.target.value)}
                {...fe.field('username')}
                slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-username' } }}
              />
              <SecretField
                label={t('admin.sms.password')}
                value={draft.password}
                onChange={(v) => set('password', v)}
                stored={samePlace && saved.hasPassword}
                error={fe.fields.password}
                autoComplete="new-password"
                testId="sms-password"
              />
            </Stack>
          )}
          {draft.provider === 'log' && <Alert severity="info">{t('admin.sms.logHint')}</Alert>}
          <LabelledSwitch
            label={t('admin.sms.customerStatusSms')}
            hint={t('admin.sms.customerStatusSmsHint')}
            checked={draft.customerStatusSms}
            onChange={(v) => set('customerStatusSms', v)}
            testId="sms-customer-status"
          />
          <SubmitButton loading={save.isPending} testId="sms-save">
            {t('common.save')}
          </SubmitButton>
        </Stack>
      </Box>
      <Notice notice={n.notice} onClose={n.clear} />
    </SettingsSection>
  );
}

/**
 * A write-only secret (API key, password): the field, empty to keep what is stored, and beside it
 * whether the vendor has one stored (`${testId}-state`).
 */
function SecretField({
  label,
  value,
  onChange,
  stored,
  error,
  autoComplete,
  ltr = false,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  stored: boolean;
  /** The server's error for the field, shown instead of the hint. */
  error?: string;
  autoComplete: string;
  ltr?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', width: '100%' }}>
      <TextField
        fullWidth
        type="password"
        autoComplete={autoComplete}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={!!error}
        helperText={error ?? (stored ? t('admin.sms.keepHint') : t('admin.sms.enterHint'))}
        slotProps={{ htmlInput: { dir: ltr ? 'ltr' : undefined, 'data-testid': testId } }}
      />
      <Box sx={{ pt: 2 }} data-testid={`${testId}-state`}>
        <Chip
          size="small"
          variant="outlined"
          color={stored ? 'success' : 'default'}
          label={stored ? t('admin.sms.secretSet') : t('admin.sms.secretNotSet')}
        />
      </Box>
    </Stack>
  );
}
