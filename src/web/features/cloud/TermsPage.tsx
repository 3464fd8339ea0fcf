import { Button, Paper, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

const PARAGRAPHS = ['service', 'mobile', 'billing', 'abuse', 'openSource'] as const;

/** The cloud service's short terms, linked from the sign-up form. */
export default function TermsPage() {
  const { t, i18n } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 720, mx: 'auto' }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('cloudSignup.terms.title')}
      </Typography>
      <Typography color="text.secondary" paragraph>
        {t('cloudSignup.terms.intro')}
      </Typography>
      <Typography
        component="ol"
        sx={{ pl: 3, listStyleType: i18n.language === 'fa' ? 'persian' : 'decimal', '& li': { mb: 1.5 } }}
      >
        {PARAGRAPHS.map((k) => (
          <li key={k}>{t(`cloudSignup.terms.${k}`)}</li>
        ))}
      </Typography>
      <Button component={Link} to="/signup" sx={{ mt: 1 }}>
        {t('cloudSignup.terms.back')}
      </Button>
    </Paper>
  );
}
