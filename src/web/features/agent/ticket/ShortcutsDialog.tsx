import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';

const KEYS: Array<[string[], string]> = [
  [['j', ']'], 'next'],
  [['k', '['], 'prev'],
  [['r'], 'reply'],
  [['n'], 'note'],
  [['Esc'], 'leave'],
  [['?'], 'help'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{t('ticket.shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Table size="small" aria-labelledby="shortcuts-title">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {t('ticket.shortcuts.key')}
              </TableCell>
              <TableCell component="th" scope="col">
                {t('ticket.shortcuts.action')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {KEYS.map(([keys, action]) => (
              <TableRow key={action}>
                <TableCell dir="ltr" sx={{ whiteSpace: 'nowrap' }}>
                  {keys.map((k, i) => (
                    <Box key={k} component="span">
                      {i > 0 && ' / '}
                      <Box component="kbd" sx={{ border: 1, borderColor: 'divider', borderRadius: 0.5, px: 0.75, fontFamily: 'monospace' }}>
                        {k}
                      </Box>
                    </Box>
                  ))}
                </TableCell>
                <TableCell>{t(`ticket.shortcuts.${action}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
