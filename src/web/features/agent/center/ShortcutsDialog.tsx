import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: Array<[string[], string]> = [
  [['j', '↓'], 'next'],
  [['k', '↑'], 'previous'],
  [['Enter'], 'open'],
  [['x'], 'select'],
  [['/'], 'search'],
  [['?'], 'help'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{t('center.keys.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('center.keys.key')}</TableCell>
              <TableCell>{t('center.keys.does')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {SHORTCUTS.map(([keys, what]) => (
              <TableRow key={what}>
                <TableCell dir="ltr">
                  {keys.map((k, i) => (
                    <Box component="kbd" key={k} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 0.75, py: 0.25, fontFamily: 'monospace', mr: i < keys.length - 1 ? 0.5 : 0 }}>
                      {k === 'Enter' ? t('center.keys.enter') : k}
                    </Box>
                  ))}
                </TableCell>
                <TableCell>{t(`center.keys.${what}`)}</TableCell>
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
