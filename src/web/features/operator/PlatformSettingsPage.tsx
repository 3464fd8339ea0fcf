import { useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ResponseOf } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField, shownNumber } from '../../ui/NumberField';
import { QueryView } from '../../ui/states';
import { autoDirInput } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { Notice, useNotice } from '../admin/Notice';
import { SettingsSection } from '../admin/SettingsSection';
import { SubmitButton } from '../admin/SubmitButton';
import { parseDays } from './operator-api';

type Settings = ResponseOf<'getPlatformSettings'>;
const KEY = ['operator', 'settings'] as const;

/** The platform's settings: the SMS price, grace and reminder days, the message of a read-only workspace. */
export default function PlatformSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: KEY, queryFn: () => call('getPlatformSettings') });
  return (
    <AdminPage title={t('operator.settings.title')} intro={t('operator.settings.intro')}>
      <QueryView query={settings} rows={4}>
        {(data) => <SettingsForm initial={data} />}
      </QueryView>
    </AdminPage>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const persian = f.digits('0') !== '0';
  const daysText = (days: number[]) => days.map((d) => shownNumber(String(d), persian)).join(t('billing.listSep'));
  const [smsPrice, setSmsPrice] = useState(String(initial.smsPrice));
  const [graceDays, setGraceDays] = useState(String(initial.graceDays));
  const [reminderDays, setReminderDays] = useState(daysText(initial.reminderDays));
  const [expiredMessage, setExpiredMessage] = useState(initial.expiredMessage);
  // The digits follow the reader's setting when the language changes.
  const [shownWith, setShownWith] = useState(persian);
  if (shownWith !== persian) {
    setShownWith(persian);
    setReminderDays(daysText(parseDays(reminderDays)));
  }

  const save = useMutation({
    mutationFn: () =>
      call('updatePlatformSettings', {
        body: {
          smsPrice: Number(smsPrice || 0),
          graceDays: Number(graceDays || 0),
          reminderDays: parseDays(reminderDays),
          expiredMessage: expiredMessage.trim(),
        },
      }),
    onSuccess: (next) => {
      qc.setQueryData(KEY, next);
      setReminderDays(daysText(next.reminderDays));
      n.ok(t('admin.common.savedNotice'));
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <SettingsSection id="platform" title={t('operator.settings.section')}>
      <Stack
        component="form"
        noValidate
        spacing={2}
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate();
        }}
      >
        <FormError error={save.error} shown={['smsPrice', 'graceDays', 'reminderDays', 'expiredMessage']} />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <NumberField
            label={t('operator.settings.smsPrice')}
            value={smsPrice}
            onChange={setSmsPrice}
            {...fe.field('smsPrice', t('operator.settings.smsPriceHint'))}
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'settings-sms-price' } }}
          />
          <NumberField
            label={t('operator.settings.graceDays')}
            value={graceDays}
            onChange={setGraceDays}
            {...fe.field('graceDays', t('operator.settings.graceDaysHint'))}
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'settings-grace-days' } }}
          />
        </Stack>
        <TextField
          label={t('operator.settings.reminderDays')}
          value={reminderDays}
          onChange={(e) => setReminderDays(e.target.value)}
          {...fe.field('reminderDays', t('operator.settings.reminderDaysHint'))}
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': 'settings-reminder-days' } }}
        />
        <TextField
          label={t('operator.settings.expiredMessage')}
          value={expiredMessage}
          onChange={(e) => setExpiredMessage(e.target.value)}
          multiline
          minRows={3}
          {...fe.field('expiredMessage', t('operator.settings.expiredMessageHint'))}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 500, 'data-testid': 'settings-expired-message' } }}
        />
        <SubmitButton loading={save.isPending} testId="settings-save">
          {t('common.save')}
        </SubmitButton>
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
    </SettingsSection>
  );
}
