import { useState, type FormEvent } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { normaliseHref } from './links';

/** The address (and, with nothing selected, the text) of a link. Empty address removes the link. */
export function LinkDialog({
  initialHref,
  askText,
  onClose,
  onSave,
}: {
  initialHref: string;
  /** Nothing is selected: the link's text is asked too. */
  askText: boolean;
  onClose: () => void;
  onSave: (href: string, text: string) => void;
}) {
  const { t } = useTranslation();
  const [href, setHref] = useState(initialHref);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    onSave(normaliseHref(href), text.trim());
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth disableRestoreFocus aria-labelledby="kb-link-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="kb-link-title">{t('editor.linkTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              autoFocus
              label={t('editor.linkAddress')}
              value={href}
              onChange={(e) => setHref(e.target.value)}
              helperText={t('editor.linkAddressHint')}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'url', 'data-testid': 'kb-link-href' } }}
            />
            {askText && (
              <TextField
                label={t('editor.linkText')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'kb-link-text' } }}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="kb-link-save">
            {t('editor.linkApply')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
