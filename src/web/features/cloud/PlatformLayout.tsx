import type { ReactNode } from 'react';
import { AppBar, Box, Button, Container, Stack, Toolbar, Typography } from '@mui/material';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { SkipLink } from '../../app/SkipLink';

/**
 * The platform's own pages in cloud mode (landing, sign-up, terms): no workspace yet, so the
 * product's name instead of a workspace's title and logo, and no links into a helpdesk.
 */
export function PlatformLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: 1 }}>
          <Typography
            variant="h6"
            component={Link}
            to="/"
            sx={{ flexGrow: 1, color: 'inherit', textDecoration: 'none', fontWeight: 700 }}
          >
            {t('app.name')}
          </Typography>
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" tabIndex={-1} maxWidth="md" sx={{ py: 3, flexGrow: 1, outline: 'none' }}>
        {children ?? <Outlet />}
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
          <Button component={Link} to="/signup" size="small">
            {t('cloudSignup.footer.signup')}
          </Button>
          <Button component={Link} to="/terms" size="small">
            {t('cloudSignup.footer.terms')}
          </Button>
        </Stack>
      </Box>
    </Box>
  );
}
