import { Box, Button, Stack, Typography } from '@mui/material';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/states';
import { isolate } from '../ui/UserText';
import { useMe, useSignOut } from './session';
import { PATH_SLUG } from './workspace-path';

/**
 * Pages under `/w/<slug>`. One session cookie serves the whole site, and the server answers a
 * signed-in request for the session's own workspace: a browser signed in to another workspace
 * would see that one under this address. So nothing shows until the session is known, and a
 * session of another workspace is offered a sign-out first (then the page starts afresh, with
 * no answer of the other workspace left in memory).
 */
export function WorkspaceGate() {
  if (!PATH_SLUG) return <Outlet />;
  return <Gate slug={PATH_SLUG} />;
}

function Gate({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const current = me.data?.workspace;
  if (!current || current.slug === slug) return <Outlet />;
  return (
    <Box component="main" sx={{ maxWidth: 520, mx: 'auto', px: 2, py: 8, textAlign: 'center' }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('cloudSignup.gate.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t('cloudSignup.gate.body', { current: isolate(current.name), wanted: isolate(slug) })}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} justifyContent="center">
        <Button
          variant="contained"
          onClick={() => void signOut().finally(() => window.location.reload())}
          data-testid="gate-sign-out"
        >
          {t('cloudSignup.gate.signOut')}
        </Button>
        <Button href={`/w/${current.slug}/`}>{t('cloudSignup.gate.back', { current: isolate(current.name) })}</Button>
      </Stack>
    </Box>
  );
}
