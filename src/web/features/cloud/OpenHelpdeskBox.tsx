import { useState } from 'react';
import { Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { SLUG_FORMAT, workspaceAddress } from '../../app/workspace-path';

/** "Sign in to your helpdesk": its address, then its sign-in page (a full page load: another app root). */
export function OpenHelpdeskBox({ domain }: { domain: string | null }) {
  const { t } = useTranslation();
  const [slug, setSlug] = useState('');
  const [tried, setTried] = useState(false);
  const clean = slug.trim().toLowerCase();
  const bad = tried && !SLUG_FORMAT.test(clean);
  const valid = SLUG_FORMAT.test(clean);
  const help = bad
    ? t('cloudSignup.signup.slugFormat')
    : valid
      ? `\u2066${workspaceAddress(clean, domain, window.location)}\u2069`
      : t('cloudSignup.landing.openHint');
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('cloudSignup.landing.openTitle')}
      </Typography>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (SLUG_FORMAT.test(clean))
            window.location.assign(`${workspaceAddress(clean, domain, window.location)}/login`);
        }}
      >
        <Stack spacing={2}>
          <TextField
            label={t('cloudSignup.landing.openField')}
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            error={bad}
            helperText={help}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            // The address is Latin: typed left to right in both languages.
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'open-slug' } }}
          />
          <Button type="submit" variant="outlined" data-testid="open-submit">
            {t('cloudSignup.landing.openSubmit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
