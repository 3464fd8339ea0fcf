import { useState } from 'react';
import { Box, Button, Stack } from '@mui/material';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf, type ResponseOf } from '../../app/api';
import { isAdmin, useMe } from '../../app/session';
import { fieldErrors, FormError } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField } from '../../ui/NumberField';
import { BILLING_PATH } from '../../ui/payment-required';
import { QueryView } from '../../ui/states';
import { CreditBalance } from '../billing/CreditBalance';
import { usePlatform } from '../billing/queries';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import { AdminPage } from './AdminPage';
import { CreditGrantForm } from './CreditGrantForm';
import { CreditLedger } from './CreditLedger';
import { CreditUsage } from './CreditUsage';
import { LabelledSwitch } from './LabelledSwitch';
import { Notice, useNotice } from './Notice';
import { SettingsSection } from './SettingsSection';
import { SubmitButton } from './SubmitButton';

type Credit = ResponseOf<'getCredit'>;

/**
 * I2: the SMS credit — the balance (and a banner when it runs low), the price of one SMS part,
 * whether SMS are charged at all, the low-balance threshold, adding credit, the ledger and the
 * use per day. Reading needs settings or billing management; changing it, the admin.
 */
export default function SmsCreditPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const credit = useQuery({ queryKey: CREDIT_KEY, queryFn: ({ signal }) => call('getCredit', { signal }) });
  const admin = isAdmin(me);
  // Cloud mode: the price and charging are the platform operator's, and credit is bought, not granted.
  const cloud = !!usePlatform().data?.cloud;
  const manages = admin && !cloud;
  return (
    <AdminPage title={t('credit.title')} intro={t('credit.intro')}>
      <QueryView query={credit} rows={4}>
        {(data) => (
          <Stack spacing={2} sx={{ maxWidth: 1000 }}>
            <CreditBalance credit={data}>
              {admin && (
                <Button component={Link} to={BILLING_PATH} size="small" sx={{ mt: 1 }} data-testid="credit-buy-online">
                  {t('billing.topUp.link')}
                </Button>
              )}
            </CreditBalance>
            {manages ? <CreditSettings saved={data} /> : <ReadOnlySettings credit={data} />}
            {manages && <CreditGrantForm />}
            <CreditUsage />
            <CreditLedger />
          </Stack>
        )}
      </QueryView>
    </AdminPage>
  );
}

function ReadOnlySettings({ credit }: { credit: Credit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toman = (n: number) => t('credit.toman', { n: f.number(n) });
  const rows: Array<[string, string]> = [
    [t('credit.pricePerSms'), toman(credit.pricePerSms)],
    [t('credit.charging'), credit.charging ? t('common.yes') : t('common.no')],
    [t('credit.threshold'), toman(credit.lowBalanceThreshold)],
  ];
  return (
    <SettingsSection id="credit-settings" title={t('credit.settings')} hint={t('credit.adminOnly')}>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
        {rows.map(([k, v]) => (
          <Box key={k} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {k}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {v}
            </Box>
          </Box>
        ))}
      </Box>
    </SettingsSection>
  );
}

interface Draft {
  charging: boolean;
  pricePerSms: string;
  lowBalanceThreshold: string;
}
const toDraft = (c: Credit): Draft => ({
  charging: c.charging,
  pricePerSms: String(c.pricePerSms),
  lowBalanceThreshold: String(c.lowBalanceThreshold),
});

/** Charging on or off, the price of a part and the low-balance threshold (PATCH: only what changed). */
function CreditSettings({ saved }: { saved: Credit }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const n = useNotice();
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const patch: BodyOf<'updateCredit'> = {};
  if (draft.charging !== saved.charging) patch.charging = draft.charging;
  if (draft.pricePerSms !== String(saved.pricePerSms)) patch.pricePerSms = Number(draft.pricePerSms);
  if (draft.lowBalanceThreshold !== String(saved.lowBalanceThreshold))
    patch.lowBalanceThreshold = Number(draft.lowBalanceThreshold);
  const dirty = Object.keys(patch).length > 0;
  const save = useMutation({
    mutationFn: () => call('updateCredit', { body: patch }),
    onSuccess: (next) => {
      qc.setQueryData(CREDIT_KEY, next);
      setDraft(toDraft(next));
      n.ok(t('credit.savedNotice'));
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <SettingsSection id="credit-settings" title={t('credit.settings')}>
      <Stack
        component="form"
        noValidate
        spacing={2}
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty && !save.isPending) save.mutate();
        }}
      >
        <FormError error={save.error} shown={['charging', 'pricePerSms', 'lowBalanceThreshold']} />
        <LabelledSwitch
          label={t('credit.charging')}
          hint={fe.fields.charging ? undefined : t('credit.chargingHint')}
          error={fe.fields.charging}
          checked={draft.charging}
          onChange={(v) => set('charging', v)}
          testId="credit-charging"
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <NumberField
            fullWidth
            label={t('credit.pricePerSms')}
            value={draft.pricePerSms}
            onChange={(v) => set('pricePerSms', v)}
            {...fe.field('pricePerSms', t('credit.pricePerSmsHint'))}
            slotProps={{ htmlInput: { 'data-testid': 'credit-price' } }}
          />
          <NumberField
            fullWidth
            label={t('credit.threshold')}
            value={draft.lowBalanceThreshold}
            onChange={(v) => set('lowBalanceThreshold', v)}
            {...fe.field('lowBalanceThreshold', t('credit.thresholdHint'))}
            slotProps={{ htmlInput: { 'data-testid': 'credit-threshold' } }}
          />
        </Stack>
        <SubmitButton disabled={!dirty} loading={save.isPending} testId="credit-save">
          {t('common.save')}
        </SubmitButton>
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
    </SettingsSection>
  );
}
