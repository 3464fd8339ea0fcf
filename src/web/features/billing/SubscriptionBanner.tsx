import { useEffect, useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { DATE_ONLY, useFormat } from '../../ui/format';
import { BILLING_PATH, paymentRequiredOf, type PaymentRequired } from '../../ui/payment-required';
import { SUBSCRIPTION_KEY } from './billing';
import { useSubscription } from './queries';

/**
 * The first write this tab saw refused because the workspace is read-only (402
 * `subscription_expired`). Everyone learns it this way; billing managers also read the state.
 */
function useRefusedWrite(): PaymentRequired | null {
  const qc = useQueryClient();
  const [refused, setRefused] = useState<PaymentRequired | null>(null);
  useEffect(
    () =>
      qc.getMutationCache().subscribe((e) => {
        if (e.type !== 'updated' || e.action.type !== 'error') return;
        const info = paymentRequiredOf(e.action.error);
        if (info?.code !== 'subscription_expired') return;
        setRefused(info);
        void qc.invalidateQueries({ queryKey: SUBSCRIPTION_KEY });
      }),
    [qc],
  );
  return refused;
}

/**
 * Cloud mode (issue 19), on every signed-in page: the plan ended and the grace runs ("pay by
 * <date> to keep writing"), or the workspace is read-only (grace over) or suspended, with the
 * platform's message. Billing managers get the way to the billing page (not shown on that page,
 * which says it already); others are told to ask the admin.
 */
export function SubscriptionBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const location = useLocation();
  const me = useMe().data;
  const pays = can(me, 'billing.manage');
  const subscription = useSubscription(pays);
  const refused = useRefusedWrite();
  if (!me) return null;
  const s = subscription.data;
  const onBilling = location.pathname === BILLING_PATH;
  const action =
    pays && !onBilling ? (
      <Button color="inherit" size="small" component={Link} to={BILLING_PATH} sx={{ whiteSpace: 'nowrap' }}>
        {t('billing.banner.action')}
      </Button>
    ) : undefined;
  const day = (iso: string) => f.date(iso, DATE_ONLY);

  if (s?.state === 'grace' && !onBilling)
    return (
      <Alert severity="warning" sx={{ borderRadius: 0 }} action={action} data-testid="grace-banner">
        {t('billing.banner.grace', { ended: day(s.endsAt), date: day(s.graceEndsAt) })}
      </Alert>
    );
  const expired = s ? s.state === 'expired' : !!refused;
  if ((expired || s?.state === 'suspended') && !onBilling) {
    const note = s?.suspensionMessage ?? refused?.note ?? null;
    return (
      <Alert severity="error" sx={{ borderRadius: 0 }} action={action} data-testid="read-only-banner">
        <strong>{t(s?.state === 'suspended' ? 'billing.banner.suspended' : 'billing.banner.readOnly')}</strong>{' '}
        {!pays && t('billing.banner.askAdmin')}
        {note && (
          <Box dir="auto" sx={{ mt: 0.5, whiteSpace: 'pre-line' }}>
            {note}
          </Box>
        )}
      </Alert>
    );
  }
  return null;
}
