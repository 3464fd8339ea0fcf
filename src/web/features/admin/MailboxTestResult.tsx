import { Alert, Box, Stack, Typography } from '@mui/material';
import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { DirectionResult, MailboxTestResult as Result } from './types';

/** The outcome of a connection test, per direction: worked, skipped, or where it failed and why. */
export function MailboxTestResult({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <Box data-testid="mailbox-test-result" role="status">
      <Alert severity={result.ok ? 'success' : 'error'} sx={{ mb: 1 }}>
        {result.ok ? t('admin.mailboxes.test.allOk') : t('admin.mailboxes.test.failed')}
        {result.message && (
          <Typography variant="body2" component="div">
            {result.message}
          </Typography>
        )}
      </Alert>
      <Stack spacing={1}>
        <Direction label={t('admin.mailboxes.inbound')} r={result.inbound} />
        <Direction label={t('admin.mailboxes.outbound')} r={result.outbound} />
      </Stack>
    </Box>
  );
}

function Direction({ label, r }: { label: string; r: DirectionResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const state = r.skipped ? 'skipped' : r.ok ? 'ok' : 'failed';
  const icon = {
    ok: <CheckCircle color="success" />,
    failed: <ErrorOutline color="error" />,
    skipped: <RemoveCircleOutline color="disabled" />,
  }[state];
  const where = r.host ? (r.port ? `${r.host}:${f.digits(String(r.port))}` : r.host) : null;
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'flex-start', p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Box aria-hidden sx={{ pt: 0.25, display: 'flex' }}>
        {icon}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="subtitle2" component="p">
          {label}:{' '}
          {state === 'failed' && r.stage
            ? t('admin.mailboxes.test.failedAt', { stage: t(`admin.mailboxes.stage.${r.stage}`) })
            : t(`admin.mailboxes.test.${state}`)}
        </Typography>
        {r.message && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {r.message}
          </Typography>
        )}
        {(where || r.ms != null) && (
          <Typography variant="caption" color="text.secondary" dir="ltr" component="p" sx={{ textAlign: 'start' }}>
            {[where, r.ms != null ? t('admin.mailboxes.test.ms', { ms: f.number(r.ms) }) : null]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        )}
      </Box>
    </Stack>
  );
}
