import { AppBar, Box, Button, Container, Stack, Toolbar, Typography } from '@mui/material';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Banners } from './Banners';
import { LanguageSwitch } from './LanguageSwitch';
import { usePublicSettings } from './session';
import { SkipLink } from './SkipLink';
import { UserText } from '../ui/UserText';

/** Pages for people who are not signed in: sign-in, registration, the guest form and tracking, the help centre. */
export function PublicLayout() {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const title = settings.data?.title ?? t('app.name');
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: 1 }}>
          {settings.data?.logoUrl && <Box component="img" src={settings.data.logoUrl} alt="" sx={{ height: 32 }} />}
          <Typography
            variant="h6"
            component={Link}
            to="/"
            sx={{ flexGrow: 1, color: 'inherit', textDecoration: 'none' }}
          >
            <UserText>{title}</UserText>
          </Typography>
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <div>
        <Banners />
      </div>
      <Container component="main" id="main" tabIndex={-1} maxWidth="md" sx={{ py: 3, flexGrow: 1, outline: 'none' }}>
        <Outlet />
      </Container>
      <Box component="footer" sx={{ borderTop: 1, borderColor: 'divider', py: 2 }}>
        <Stack
          direction="row"
          spacing={1}
          justifyContent="center"
          flexWrap="wrap"
          component="nav"
          aria-label={t('nav.public')}
        >
          <Button component={Link} to="/help" size="small" data-testid="nav-help">
            {t('nav.help')}
          </Button>
          <Button component={Link} to="/login" size="small">
            {t('nav.login')}
          </Button>
          {settings.data?.forms.guestTickets && (
            <Button component={Link} to="/guest/new" size="small">
              {t('nav.guestNew')}
            </Button>
          )}
          <Button component={Link} to="/guest/track" size="small">
            {t('nav.guestTrack')}
          </Button>
        </Stack>
      </Box>
    </Box>
  );
}
