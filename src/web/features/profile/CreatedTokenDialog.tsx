import { useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  InputAdornment,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import ContentCopy from '@mui/icons-material/ContentCopy';
import { useTranslation } from 'react-i18next';

/**
 * The secret of a new token, shown this once (the server keeps only its hash): a read-only
 * field, a copy button and the warning that it cannot be shown again.
 */
export function CreatedTokenDialog({ name, token, onClose }: { name: string; token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);

  async function copyToken() {
    try {
      // The Clipboard API exists only on HTTPS (and localhost); elsewhere the old way still works.
      if (navigator.clipboard) await navigator.clipboard.writeText(token);
      else {
        input.current?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopy('copied');
    } catch {
      input.current?.select();
      setCopy('failed');
    }
  }

  return (
    <Dialog
      open
      // Not on a stray click beside it: the secret would be gone for good.
      onClose={(_, reason) => reason !== 'backdropClick' && onClose()}
      aria-labelledby="created-token-title"
      aria-describedby="created-token-warning"
      maxWidth="sm"
      fullWidth
      data-testid="api-token-created"
    >
      <DialogTitle id="created-token-title">{t('profile.tokens.createdTitle')}</DialogTitle>
      <DialogContent>
        <Typography variant="subtitle2" dir="auto" sx={{ mb: 1.5, overflowWrap: 'anywhere' }}>
          {name}
        </Typography>
        <Alert severity="warning" id="created-token-warning" sx={{ mb: 2 }}>
          {t('profile.tokens.createdWarning')}
        </Alert>
        <TextField
          label={t('profile.tokens.token')}
          value={token}
          fullWidth
          multiline
          inputRef={input}
          onFocus={(e) => e.target.select()}
          slotProps={{
            htmlInput: {
              readOnly: true,
              dir: 'ltr',
              spellCheck: false,
              'data-testid': 'api-token-value',
              style: { fontFamily: 'monospace', wordBreak: 'break-all' },
            },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <Tooltip title={t('profile.tokens.copy')}>
                    <IconButton
                      onClick={() => void copyToken()}
                      aria-label={t('profile.tokens.copy')}
                      edge="end"
                      data-testid="api-token-copy"
                    >
                      <ContentCopy />
                    </IconButton>
                  </Tooltip>
                </InputAdornment>
              ),
            },
          }}
        />
        <Box role="status" aria-live="polite" sx={{ minHeight: 24, mt: 0.5 }}>
          {copy && (
            <Typography variant="caption" color={copy === 'copied' ? 'success.main' : 'error'}>
              {t(copy === 'copied' ? 'profile.tokens.copied' : 'profile.tokens.copyFailed')}
            </Typography>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="api-token-done">
          {t('profile.tokens.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
