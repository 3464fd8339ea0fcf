import { useState } from 'react';
import { Alert, AlertTitle, Box, Button, Link, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { latinDigits, useFormat } from '../../ui/format';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import { SettingsSection } from './SettingsSection';

/**
 * Sends one test SMS through the saved gateway, now, and shows what the vendor answered (or why
 * nothing was sent). It is recorded in the deliveries log and paid like any SMS.
 */
export function SmsTestBox() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [mobile, setMobile] = useState('');
  const send = useMutation({
    mutationFn: () => call('testSmsGateway', { body: { mobile: latinDigits(mobile.trim()) } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'deliveries'] });
      void qc.invalidateQueries({ queryKey: CREDIT_KEY });
    },
  });
  const fe = fieldErrors(send.error);
  const r = send.data;
  return (
    <SettingsSection id="sms-test" title={t('admin.sms.testTitle')} hint={t('admin.sms.testHint')}>
      <Stack
        component="form"
        noValidate
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ alignItems: { sm: 'flex-start' } }}
        onSubmit={(e) => {
          e.preventDefault();
          if (mobile.trim() && !send.isPending) send.mutate();
        }}
      >
        <TextField
          type="tel"
          label={t('admin.sms.testMobile')}
          value={mobile}
          onChange={(e) => setMobile(e.target.value)}
          {...fe.field('mobile', t('admin.sms.testMobileHint'))}
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'sms-test-mobile' } }}
          sx={{ minWidth: { sm: 260 } }}
        />
        <Box sx={{ pt: { sm: 1 } }}>
          <Button
            type="submit"
            variant="outlined"
            disabled={!mobile.trim()}
            loading={send.isPending}
            data-testid="sms-test-send"
          >
            {t('admin.sms.testSend')}
          </Button>
        </Box>
      </Stack>
      <FormError error={send.error} shown={['mobile']} />
      {r && (
        <Alert
          severity={r.ok ? 'success' : r.status === 'skipped' ? 'warning' : 'error'}
          role="status"
          data-testid="sms-test-result"
          data-status={r.status}
        >
          <AlertTitle>{t(`admin.sms.testStatus.${r.status}`)}</AlertTitle>
          <Typography variant="body2" dir="auto" sx={{ overflowWrap: 'anywhere' }} data-testid="sms-test-message">
            {r.message}
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {t('admin.sms.testFacts', {
              parts: f.number(r.parts),
              price: t('credit.toman', { n: f.number(r.price) }),
            })}
            {r.code && (
              <>
                {' · '}
                {t('admin.sms.testCode')} <bdi dir="ltr">{r.code}</bdi>
              </>
            )}
          </Typography>
          <Link component={RouterLink} to="/admin/deliveries?channel=sms" variant="body2" data-testid="sms-test-log">
            {t('admin.sms.testLog')}
          </Link>
        </Alert>
      )}
    </SettingsSection>
  );
}
