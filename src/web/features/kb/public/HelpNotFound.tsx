import { Box, Button, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/states';
import { usePageTitle } from './usePageTitle';

/** A group or article that is not (or no longer) in the help centre. */
export function HelpNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('kbPublic.notFoundTitle'));
  return (
    <Box data-testid="help-not-found">
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('kbPublic.notFoundTitle')}
      </Typography>
      <EmptyState
        title={t('kbPublic.notFound')}
        hint={t('kbPublic.notFoundHint')}
        action={
          <Button component={Link} to="/help" variant="contained">
            {t('kbPublic.backToHelp')}
          </Button>
        }
      />
    </Box>
  );
}
