import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import ForwardToInbox from '@mui/icons-material/ForwardToInbox';
import InsertLink from '@mui/icons-material/InsertLink';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { useFormat } from '../../ui/format';
import { FormError } from '../../ui/form';
import { copyText, guestTicketUrl } from './tracking-code';

type Notice = 'number' | 'code' | 'link' | 'failed';

/**
 * Issue 14: what a guest needs to keep its ticket — copy the number, the code and the link, and
 * have them e-mailed again (to the address the ticket was opened with; the server decides).
 * `full` on the page after the form, `compact` on the guest ticket page.
 */
export function GuestLinkTools({
  number,
  code,
  variant,
}: {
  number: number;
  /** As it is shown (grouped for a new code). */
  code: string;
  variant: 'full' | 'compact';
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [notice, setNotice] = useState<Notice | null>(null);
  const resend = useMutation({
    mutationFn: () => call('resendGuestLink', { path: { number }, body: { code } }),
    onMutate: () => setNotice(null),
  });

  async function copy(what: Exclude<Notice, 'failed'>) {
    const text = what === 'number' ? String(number) : what === 'code' ? code : guestTicketUrl(number, code);
    setNotice((await copyText(text)) ? what : 'failed');
  }
  const copied = notice && (
    <Typography variant="body2" color={notice === 'failed' ? 'error' : 'success.main'} data-testid="guest-copy-status">
      {t(notice === 'failed' ? 'guest.link.copyFailed' : `guest.link.copied.${notice}`)}
    </Typography>
  );
  const resendButton = (
    <Button
      variant="outlined"
      startIcon={<ForwardToInbox />}
      onClick={() => resend.mutate()}
      disabled={resend.isPending}
      data-testid="guest-resend-link"
    >
      {resend.isPending ? t('guest.link.resending') : t('guest.link.resend')}
    </Button>
  );
  const outcome = (
    <>
      {resend.isSuccess && (
        <Alert severity="success" data-testid="guest-resend-done" sx={{ textAlign: 'start' }}>
          {t('guest.link.resent')}
        </Alert>
      )}
      {resend.isError && <FormError error={resend.error} />}
    </>
  );
  const copyButton = (what: 'number' | 'code', label: string): ReactNode => (
    <Tooltip title={label}>
      <IconButton onClick={() => void copy(what)} aria-label={label} data-testid={`guest-copy-${what}`}>
        <ContentCopy />
      </IconButton>
    </Tooltip>
  );
  const codeText = (size: object) => (
    <Typography
      component="code"
      dir="ltr"
      data-testid="guest-tracking-code"
      data-value={code}
      sx={{
        fontFamily: 'monospace',
        fontWeight: 700,
        letterSpacing: 1,
        bgcolor: 'action.hover',
        px: 1.5,
        py: 0.5,
        borderRadius: 1,
        overflowWrap: 'anywhere',
        ...size,
      }}
    >
      {code}
    </Typography>
  );

  if (variant === 'compact')
    return (
      <Paper variant="outlined" component="section" aria-labelledby="guest-link-heading" sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Stack direction="row" alignItems="center" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 1, rowGap: 1 }}>
          <Typography id="guest-link-heading" variant="subtitle2" component="h2">
            {t('guest.link.title')}
          </Typography>
          {codeText({ fontSize: 16 })}
          {copyButton('code', t('guest.link.copyCode'))}
          <Tooltip title={t('guest.link.copyLink')}>
            <IconButton
              onClick={() => void copy('link')}
              aria-label={t('guest.link.copyLink')}
              data-testid="guest-copy-link"
            >
              <InsertLink />
            </IconButton>
          </Tooltip>
          <Box sx={{ marginInlineStart: { sm: 'auto' } }}>{resendButton}</Box>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('guest.link.keepHint')}
        </Typography>
        <Box role="status" aria-live="polite" sx={{ mt: 0.5 }}>
          {copied}
        </Box>
        {outcome}
      </Paper>
    );

  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="body2" color="text.secondary">
          {t('guest.created.number')}
        </Typography>
        <Stack direction="row" spacing={1} alignItems="center" justifyContent="center">
          <Typography
            variant="h4"
            component="p"
            sx={{ fontWeight: 700 }}
            data-testid="guest-ticket-number"
            data-value={number}
          >
            {f.digits(number)}
          </Typography>
          {copyButton('number', t('guest.link.copyNumber'))}
        </Stack>
      </Box>
      <Box>
        <Typography variant="body2" color="text.secondary">
          {t('guest.created.code')}
        </Typography>
        <Stack direction="row" spacing={1} alignItems="center" justifyContent="center">
          {codeText({ fontSize: { xs: 20, sm: 24 } })}
          {copyButton('code', t('guest.link.copyCode'))}
        </Stack>
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} justifyContent="center">
        <Button
          variant="outlined"
          startIcon={<InsertLink />}
          onClick={() => void copy('link')}
          data-testid="guest-copy-link"
        >
          {t('guest.link.copyLink')}
        </Button>
        {resendButton}
      </Stack>
      <Box role="status" aria-live="polite" sx={{ minHeight: 24 }}>
        {copied}
      </Box>
      {outcome}
    </Stack>
  );
}
