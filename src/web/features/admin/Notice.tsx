import { useState } from 'react';
import { Alert, Snackbar } from '@mui/material';

export interface NoticeState {
  text: string;
  error?: boolean;
}

/** A short confirmation ("saved") or failure message at the bottom of the screen. */
export function useNotice() {
  const [notice, setNotice] = useState<NoticeState | null>(null);
  return {
    notice,
    ok: (text: string) => setNotice({ text }),
    fail: (text: string) => setNotice({ text, error: true }),
    clear: () => setNotice(null),
  };
}

export function Notice({ notice, onClose }: { notice: NoticeState | null; onClose: () => void }) {
  return (
    <Snackbar
      open={!!notice}
      autoHideDuration={notice?.error ? 8000 : 4000}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity={notice?.error ? 'error' : 'success'}
        variant="filled"
        onClose={onClose}
        role={notice?.error ? 'alert' : 'status'}
        data-testid="admin-notice"
      >
        {notice?.text}
      </Alert>
    </Snackbar>
  );
}
