import { useState } from 'react';
import { Alert, Box, Button, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import CheckCircle from '@mui/icons-material/CheckCircle';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';

/** F4: the ticket number and tracking code, shown once, with a way to copy and to follow the ticket. */
export function GuestCreated({ number, code }: { number: number; code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [copied, setCopied] = useState(false);
  const link = `/guest/tickets/${number}?code=${encodeURIComponent(code)}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, textAlign: 'center' }}>
      <CheckCircle color="success" sx={{ fontSize: 56 }} aria-hidden />
      <Typography variant="h5" component="h1" sx={{ mt: 1 }}>
        {t('guest.created.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t('guest.created.intro')}
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 480, mx: 'auto' }}>
        <Box>
          <Typography variant="body2" color="text.secondary">
            {t('guest.created.number')}
          </Typography>
          <Typography
            variant="h4"
            component="p"
            sx={{ fontWeight: 700 }}
            data-testid="guest-ticket-number"
            data-value={number}
          >
            {f.digits(number)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="body2" color="text.secondary">
            {t('guest.created.code')}
          </Typography>
          <Stack direction="row" spacing={1} alignItems="center" justifyContent="center">
            <Typography
              component="code"
              dir="ltr"
              data-testid="guest-tracking-code"
              sx={{
                fontFamily: 'monospace',
                fontSize: { xs: 16, sm: 20 },
                bgcolor: 'action.hover',
                px: 1.5,
                py: 0.5,
                borderRadius: 1,
                wordBreak: 'break-all',
                userSelect: 'all',
              }}
            >
              {code}
            </Typography>
            <Tooltip title={copied ? t('guest.created.copied') : t('guest.created.copy')}>
              <IconButton
                onClick={() => void copy()}
                aria-label={t('guest.created.copy')}
                data-testid="guest-copy-code"
              >
                <ContentCopy />
              </IconButton>
            </Tooltip>
          </Stack>
          <Box role="status" aria-live="polite" sx={{ minHeight: 24 }}>
            {copied && (
              <Typography variant="caption" color="success.main">
                {t('guest.created.copied')}
              </Typography>
            )}
          </Box>
        </Box>
        <Alert severity="warning" sx={{ textAlign: 'start' }}>
          {t('guest.created.keepCode')}
        </Alert>
        <Button component={Link} to={link} variant="contained" size="large" data-testid="guest-follow-link">
          {t('guest.created.follow')}
        </Button>
      </Stack>
    </Paper>
  );
}
