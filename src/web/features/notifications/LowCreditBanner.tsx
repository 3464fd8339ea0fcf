import { Alert, Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { can, type Me } from '../../app/session';
import { useFormat } from '../../ui/format';

/** The credit as the admin pages read it too (one cache: a grant there clears this banner). */
export const CREDIT_KEY = ['admin', 'credit'] as const;

/** Who may read the credit (the server answers 403 to anyone else, so nobody else asks). */
export const readsCredit = (me: Me) => can(me, 'settings.manage') || can(me, 'billing.manage');

/**
 * I2: the SMS credit is below its threshold while charging is on — automatic SMS stop once a
 * message costs more than is left. Shown to those who manage it, on every page but the credit's own.
 */
export function LowCreditBanner({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const location = useLocation();
  const allowed = readsCredit(me);
  const credit = useQuery({
    queryKey: CREDIT_KEY,
    queryFn: ({ signal }) => call('getCredit', { signal }),
    enabled: allowed,
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!allowed || !credit.data?.lowBalance || location.pathname === '/admin/sms-credit') return null;
  return (
    <Alert
      severity="warning"
      sx={{ borderRadius: 0 }}
      data-testid="low-credit-banner"
      action={
        <Button color="inherit" size="small" component={Link} to="/admin/sms-credit" sx={{ whiteSpace: 'nowrap' }}>
          {t('credit.banner.action')}
        </Button>
      }
    >
      {t('credit.banner.text', { balance: t('credit.toman', { n: f.number(credit.data.balance) }) })}
    </Alert>
  );
}
