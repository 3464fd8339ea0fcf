import { Button, Paper, Stack, Typography } from '@mui/material';
import AddCircleOutline from '@mui/icons-material/AddCircleOutline';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session';
import { newTicketPath } from './paths';

/** "Still need help?": from the help centre to a new ticket, about this article when there is one. */
export function StillNeedHelp({ subject }: { subject?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const signedIn = !!me.data;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="help-still-title"
      sx={{ p: { xs: 2, sm: 2.5 }, mt: 4 }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
        <Stack sx={{ flexGrow: 1 }}>
          <Typography variant="h6" component="h2" id="help-still-title">
            {t('kbPublic.still.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('kbPublic.still.hint')}
          </Typography>
        </Stack>
        <Button
          component={Link}
          to={newTicketPath(signedIn, subject)}
          variant="contained"
          startIcon={<AddCircleOutline />}
          // Which form is this visitor's is known once the session has been asked for.
          disabled={me.isPending}
          data-testid="help-new-ticket"
          sx={{ flexShrink: 0 }}
        >
          {t('kbPublic.still.action')}
        </Button>
      </Stack>
    </Paper>
  );
}
