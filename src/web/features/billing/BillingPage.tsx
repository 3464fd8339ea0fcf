import { useEffect } from 'react';
import { Alert, Stack } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { can, isAdmin, useMe } from '../../app/session';
import type { TPaymentOutcome } from '../../../contracts/payments';
import { ErrorState, Loading, QueryView } from '../../ui/states';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { AdminPage } from '../admin/AdminPage';
import { CreditLedger } from '../admin/CreditLedger';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import { OUTCOME_SEVERITY, PAYMENTS_KEY, paymentOutcome, PLANS_KEY, SUBSCRIPTION_KEY } from './billing';
import { CreditBalance } from './CreditBalance';
import { CreditTopUpForm } from './CreditTopUpForm';
import { CurrentPlan } from './CurrentPlan';
import { PaymentsList } from './PaymentsList';
import { PlanChooser } from './PlanChooser';
import { usePlans, useSubscription } from './queries';

/**
 * Issue 19: the workspace admin's billing — the plan (cloud mode: state, end date, usage against
 * the limits, the plans to buy), the SMS credit with online top-up and its ledger, and the
 * payments. Zarinpal sends the payer back here with `?payment=ok|failed|pending|cancelled|unknown`.
 * On a self-hosted server the subscription route answers 404 and the plan parts are left out.
 */
export default function BillingPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const admin = isAdmin(me);
  const reads = can(me, 'billing.manage');
  const subscription = useSubscription(reads, true);
  const cloud = !!subscription.data;
  const plans = usePlans(cloud);
  const credit = useQuery({
    queryKey: CREDIT_KEY,
    queryFn: ({ signal }) => call('getCredit', { signal }),
    enabled: reads,
  });
  const [params] = useSearchParams();
  const outcome = paymentOutcome(params.get('payment'));
  if (!reads) return <ForbiddenPage />;

  return (
    <AdminPage title={t('billing.title')} intro={t(cloud ? 'billing.intro' : 'billing.introSelfHosted')}>
      {outcome && <PaymentOutcomeBanner outcome={outcome} />}
      <Stack spacing={2} sx={{ maxWidth: 1100 }}>
        <PlanSection subscription={subscription} plans={plans} admin={admin} />
        {reads && (
          <QueryView query={credit} rows={2}>
            {(data) => <CreditBalance credit={data}>{admin && <CreditTopUpForm />}</CreditBalance>}
          </QueryView>
        )}
        {reads && <CreditLedger />}
        {admin && <PaymentsList watch={outcome === 'pending'} />}
      </Stack>
    </AdminPage>
  );
}

/** The plan parts (cloud mode): nothing on a self-hosted server, whose subscription route answers 404. */
function PlanSection({
  subscription,
  plans,
  admin,
}: {
  subscription: ReturnType<typeof useSubscription>;
  plans: ReturnType<typeof usePlans>;
  admin: boolean;
}) {
  if (subscription.isPending) return <Loading rows={3} />;
  if (subscription.isError)
    return <ErrorState error={subscription.error} onRetry={() => void subscription.refetch()} />;
  const current = subscription.data;
  if (!current) return null;
  return (
    <>
      <CurrentPlan subscription={current} />
      <QueryView query={plans} rows={3}>
        {(list) => <PlanChooser plans={list} subscription={current} canBuy={admin} />}
      </QueryView>
    </>
  );
}

/**
 * What Zarinpal's return means, in words; the subscription, credit and payments are read again
 * (the callback changed them on the server just before sending the browser here). Closing it
 * takes `?payment=` off the address, so a reload does not announce it again.
 */
function PaymentOutcomeBanner({ outcome }: { outcome: TPaymentOutcome }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [, setParams] = useSearchParams();
  useEffect(() => {
    for (const key of [SUBSCRIPTION_KEY, PLANS_KEY, CREDIT_KEY, PAYMENTS_KEY])
      void qc.invalidateQueries({ queryKey: key });
  }, [qc, outcome]);
  return (
    <Alert
      severity={OUTCOME_SEVERITY[outcome]}
      role={outcome === 'ok' ? 'status' : 'alert'}
      data-testid="payment-outcome"
      data-outcome={outcome}
      onClose={() =>
        setParams(
          (p) => {
            p.delete('payment');
            return p;
          },
          { replace: true },
        )
      }
      sx={{ maxWidth: 1100 }}
    >
      <strong>{t(`billing.outcome.${outcome}.title`)}</strong> {t(`billing.outcome.${outcome}.text`)}
    </Alert>
  );
}
