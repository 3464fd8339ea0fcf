import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import Download from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

const FILE_NAME = 'pishkhan-recovery-codes.txt';

/**
 * New recovery codes, shown this once (the server keeps only their hashes): the list, copy,
 * download as a text file, and a button to say they are kept. Not closed by a stray click.
 */
export function RecoveryCodesDialog({
  codes,
  username,
  onClose,
}: {
  codes: string[];
  username: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const text = codes.join('\n');

  function download() {
    const body = `${t('profile.twoFactor.codesFileTitle', { username })}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([body], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = FILE_NAME;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // After the click has handed the file to the browser.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <Dialog
      open
      onClose={(_, reason) => reason !== 'backdropClick' && onClose()}
      aria-labelledby="recovery-codes-title"
      aria-describedby="recovery-codes-warning"
      maxWidth="xs"
      fullWidth
      data-testid="recovery-codes"
    >
      <DialogTitle id="recovery-codes-title">{t('profile.twoFactor.codesTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" id="recovery-codes-warning" sx={{ mb: 2 }}>
          {t('profile.twoFactor.codesWarning')}
        </Alert>
        <Box
          component="ol"
          dir="ltr"
          aria-label={t('profile.twoFactor.codesList')}
          data-testid="recovery-codes-list"
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(2, 1fr)',
            gap: 1,
            listStyle: 'none',
            p: 1.5,
            m: 0,
            fontFamily: 'monospace',
            fontSize: 16,
            textAlign: 'center',
            bgcolor: 'action.hover',
            borderRadius: 1,
          }}
        >
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </Box>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" sx={{ mt: 1.5, gap: 1 }}>
          <Button startIcon={<Download />} onClick={download} data-testid="recovery-codes-download">
            {t('profile.twoFactor.download')}
          </Button>
          <CopyButton text={text} label={t('profile.twoFactor.copy')} testId="recovery-codes-copy" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="recovery-codes-done">
          {t('profile.twoFactor.saved')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
