import { Box, Button, Typography } from '@mui/material';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** A page that failed to load or render (e.g. a chunk missing after an upgrade): offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const err = useRouteError();
  if (err) console.error(err);
  return (
    <Box role="alert" sx={{ textAlign: 'center', py: 8 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('errors.pageFailed')}
      </Typography>
      <Button variant="contained" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </Box>
  );
}
