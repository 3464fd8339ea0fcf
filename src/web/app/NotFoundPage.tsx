import { Box, Button, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

function Message({ title, hint }: { title: string; hint: string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ textAlign: 'center', py: 8 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        {title}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {hint}
      </Typography>
      <Button component={Link} to="/" variant="contained">
        {t('nav.home')}
      </Button>
    </Box>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Message title={t('errors.notFoundTitle')} hint={t('errors.notFoundHint')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Message title={t('errors.forbiddenTitle')} hint={t('errors.forbiddenHint')} />;
}
