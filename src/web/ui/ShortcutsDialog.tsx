import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';

export interface Shortcut {
  keys: string[];
  label: string;
}

/** The "?" help of a page: its keyboard shortcuts in a table (keys always left-to-right). */
export function ShortcutsDialog({
  open = true,
  onClose,
  title,
  keyHeader,
  actionHeader,
  shortcuts,
  note,
}: {
  open?: boolean;
  onClose: () => void;
  title: string;
  keyHeader: string;
  actionHeader: string;
  shortcuts: Shortcut[];
  /** A line under the table (e.g. that letters work in any keyboard layout). */
  note?: string;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{title}</DialogTitle>
      <DialogContent>
        <Table size="small" aria-labelledby="shortcuts-title">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {keyHeader}
              </TableCell>
              <TableCell component="th" scope="col">
                {actionHeader}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shortcuts.map(({ keys, label }) => (
              <TableRow key={label}>
                <TableCell dir="ltr" sx={{ whiteSpace: 'nowrap' }}>
                  {keys.map((k, i) => (
                    <Box key={k} component="span">
                      {i > 0 && ' / '}
                      <Box
                        component="kbd"
                        sx={{ border: 1, borderColor: 'divider', borderRadius: 0.5, px: 0.75, fontFamily: 'monospace' }}
                      >
                        {k}
                      </Box>
                    </Box>
                  ))}
                </TableCell>
                <TableCell>{label}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {note && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="shortcuts-note">
            {note}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
