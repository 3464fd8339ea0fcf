import { useState } from 'react';
import { Alert, Box, Button, Chip, MenuItem, Stack, TextField } from '@mui/material';
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
  const secretState = (on: boolean) => (
    <Chip
      size="small"
      variant="outlined"
      color={on ? 'success' : 'default'}
      label={on ? t('admin.sms.secretSet') : t('admin.sms.secretNotSet')}
    />
  );
  const secretHint = (on: boolean) => (on ? t('admin.sms.keepHint') : t('admin.sms.enterHint'));

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
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                fullWidth
                type="password"
                autoComplete="off"
                label={t('admin.sms.apiKey')}
                value={draft.apiKey}
                onChange={(e) => set('apiKey', e.target.value)}
                {...fe.field('apiKey', secretHint(samePlace && saved.hasApiKey))}
                slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-api-key' } }}
              />
              <Box sx={{ pt: 2 }} data-testid="sms-api-key-state">
                {secretState(samePlace && saved.hasApiKey)}
              </Box>
            </Stack>
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
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', width: '100%' }}>
                <TextField
                  fullWidth
                  type="password"
                  autoComplete="new-password"
                  label={t('admin.sms.password')}
                  value={draft.password}
                  onChange={(e) => set('password', e.target.value)}
                  {...fe.field('password', secretHint(samePlace && saved.hasPassword))}
                  slotProps={{ htmlInput: { 'data-testid': 'sms-password' } }}
                />
                <Box sx={{ pt: 2 }} data-testid="sms-password-state">
                  {secretState(samePlace && saved.hasPassword)}
                </Box>
              </Stack>
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
          <Box>
            <Button type="submit" variant="contained" loading={save.isPending} data-testid="sms-save">
              {t('common.save')}
            </Button>
          </Box>
        </Stack>
      </Box>
      <Notice notice={n.notice} onClose={n.clear} />
    </SettingsSection>
  );
}
