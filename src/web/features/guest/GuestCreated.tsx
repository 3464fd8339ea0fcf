import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import CheckCircle from '@mui/icons-material/CheckCircle';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GuestLinkTools } from './GuestLinkTools';
import { guestTicketPath } from './tracking-code';

/**
 * F4: the ticket number and tracking code after the guest form, with ways to copy them and the
 * link, to have them e-mailed again (issue 14: they were mailed already), and to follow the ticket.
 */
export function GuestCreated({ number, code, email }: { number: number; code: string; email: string }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, textAlign: 'center' }}>
      <CheckCircle color="success" sx={{ fontSize: 56 }} aria-hidden />
      <Typography variant="h5" component="h1" sx={{ mt: 1 }}>
        {t('guest.created.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t('guest.created.intro')}
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 520, mx: 'auto' }}>
        <GuestLinkTools number={number} code={code} variant="full" />
        <Alert
          severity="info"
          // A long address wraps rather than making the message scroll on a phone.
          sx={{ textAlign: 'start', '& .MuiAlert-message': { overflowWrap: 'anywhere', minWidth: 0 } }}
          data-testid="guest-link-mailed"
        >
          {t('guest.link.mailed', { email })}
        </Alert>
        <Alert severity="warning" sx={{ textAlign: 'start' }}>
          {t('guest.created.keepCode')}
        </Alert>
        <Button
          component={Link}
          to={guestTicketPath(number, code)}
          variant="contained"
          size="large"
          data-testid="guest-follow-link"
        >
          {t('guest.created.follow')}
        </Button>
      </Stack>
    </Paper>
  );
}
