import type { FormEvent, ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';

/**
 * The dialog that edits one item of a request type's workflow (a status, a transition). "Done"
 * puts it back into the page; nothing is sent until the page is saved. Full-screen on phones.
 */
export function ItemDialog({
  title,
  testId,
  dirty,
  wide,
  onClose,
  onDone,
  children,
}: {
  title: string;
  testId: string;
  dirty: boolean;
  wide?: boolean;
  onClose: () => void;
  onDone: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const guard = useDiscardGuard(onClose, { dirty });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The dialog is rendered in a portal, but React still passes its submit up to the page's form.
    e.stopPropagation();
    onDone();
  };
  return (
    <>
      <Dialog
        open
        onClose={guard.requestClose}
        fullScreen={phone}
        fullWidth
        maxWidth={wide ? 'md' : 'sm'}
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
      >
        <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
          <DialogTitle id={`${testId}-title`}>{title}</DialogTitle>
          <DialogContent dividers sx={{ px: { xs: 1.5, sm: 3 } }}>
            <Stack spacing={2}>{children}</Stack>
          </DialogContent>
          <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
            <Typography variant="caption" color="text.secondary" sx={{ marginInlineEnd: 'auto', px: 1 }}>
              {t('admin.catalogue.savedWithPage')}
            </Typography>
            <Button onClick={guard.requestClose} data-testid={`${testId}-cancel`}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" data-testid={`${testId}-done`}>
              {t('admin.catalogue.done')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      {guard.confirm}
    </>
  );
}
