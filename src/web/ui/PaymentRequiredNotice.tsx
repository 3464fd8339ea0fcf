import { Alert, Box, Button } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../app/session';
import type { PaymentRequired } from './payment-required';

/**
 * The server's message for a 402, with the way out: "upgrade the plan" (limit reached) or "renew"
 * (read-only) for those who manage billing, "ask the admin" for everyone else. Forms show it in
 * place of their usual error (ui/form.tsx FormError).
 */
export function PaymentRequiredNotice({ info }: { info: PaymentRequired }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const pays = can(me, 'billing.manage');
  const limit = info.code === 'limit_reached';
  return (
    <Alert
      severity={limit ? 'warning' : 'error'}
      role="alert"
      sx={{ mb: 2 }}
      data-testid={limit ? 'limit-reached' : 'subscription-expired'}
    >
      {info.message}
      {info.note && (
        <Box dir="auto" sx={{ mt: 0.5, whiteSpace: 'pre-line' }}>
          {info.note}
        </Box>
      )}
      {pays ? (
        <Box sx={{ mt: 1 }}>
          <Button
            component={Link}
            to={info.url}
            variant="outlined"
            color="inherit"
            size="small"
            data-testid="payment-required-link"
          >
            {t(limit ? 'billing.notice.upgrade' : 'billing.notice.renew')}
          </Button>
        </Box>
      ) : (
        <Box sx={{ mt: 0.5 }}>{t(limit ? 'billing.notice.askAdminLimit' : 'billing.notice.askAdminRenew')}</Box>
      )}
    </Alert>
  );
}
