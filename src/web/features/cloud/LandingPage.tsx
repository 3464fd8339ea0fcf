import { Box, Button, Grid, List, ListItem, ListItemIcon, ListItemText, Paper, Typography } from '@mui/material';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/platform';
import { OpenHelpdeskBox } from './OpenHelpdeskBox';
import { PlatformLayout } from './PlatformLayout';

const FEATURES = ['featureTickets', 'featureKb', 'featureSla', 'featureLanguages'] as const;

/** Cloud mode, at the platform's own address: what the product is, sign-up, and the way to one's helpdesk. */
export default function LandingPage() {
  const { t } = useTranslation();
  const platform = usePlatform();
  return (
    <PlatformLayout>
      <Box sx={{ textAlign: 'center', py: { xs: 3, sm: 6 } }}>
        <Typography variant="h3" component="h1" sx={{ fontWeight: 700, fontSize: { xs: '2.2rem', sm: '3rem' } }}>
          {t('app.name')}
        </Typography>
        <Typography variant="h6" component="p" color="text.secondary" sx={{ mt: 1 }}>
          {t('cloudSignup.landing.tagline')}
        </Typography>
        <Typography sx={{ mt: 2, maxWidth: 600, mx: 'auto' }}>{t('cloudSignup.landing.intro')}</Typography>
        <Button
          component={Link}
          to="/signup"
          variant="contained"
          size="large"
          sx={{ mt: 3, px: 4 }}
          data-testid="landing-signup"
        >
          {t('cloudSignup.landing.cta')}
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('cloudSignup.landing.ctaHint')}
        </Typography>
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, height: '100%' }}>
            <Typography variant="h6" component="h2">
              {t('cloudSignup.landing.featuresTitle')}
            </Typography>
            <List dense>
              {FEATURES.map((k) => (
                <ListItem key={k} disableGutters sx={{ alignItems: 'flex-start' }}>
                  <ListItemIcon sx={{ minWidth: 32, mt: 0.5 }}>
                    <CheckCircleOutline color="success" fontSize="small" />
                  </ListItemIcon>
                  <ListItemText primary={t(`cloudSignup.landing.${k}`)} />
                </ListItem>
              ))}
            </List>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <OpenHelpdeskBox domain={platform.data?.domain ?? null} />
        </Grid>
      </Grid>
    </PlatformLayout>
  );
}
