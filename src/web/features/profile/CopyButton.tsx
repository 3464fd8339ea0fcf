import { useState } from 'react';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import { useTranslation } from 'react-i18next';

/** Copies `text`, then says whether it worked (a polite live region, read out by screen readers). */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'copied' | 'failed' | null>(null);
  async function copy() {
    try {
      // The Clipboard API exists only on HTTPS and localhost: an intranet over HTTP gets the message to copy by hand.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <Tooltip title={label}>
        <IconButton onClick={() => void copy()} aria-label={label} data-testid={testId}>
          <ContentCopy fontSize="small" />
        </IconButton>
      </Tooltip>
      <Box role="status" aria-live="polite">
        {state && (
          <Typography variant="caption" color={state === 'copied' ? 'success.main' : 'error'}>
            {t(state === 'copied' ? 'profile.twoFactor.copied' : 'profile.twoFactor.copyFailed')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
