import { useState } from 'react';
import { Box, Button, Divider, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ME_KEY, useMe, useSignOut } from '../../app/session';
import { ErrorState, Loading } from '../../ui/states';
import { AuthCard } from '../auth/AuthCard';
import { RecoveryCodesDialog } from './RecoveryCodesDialog';
import { TwoFactorSetup } from './TwoFactorSetup';

/**
 * `/two-factor-setup`: where staff whom the workspace requires two-factor sign-in of, and who
 * have not turned it on, are held (guards.tsx sends them here; the server refuses them
 * everything else). Once on and the recovery codes put away, the app opens as usual.
 */
export default function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace />;
  const held = me.data.twoFactor.required && !me.data.twoFactor.enabled;
  if (!held && !codes) return <Navigate to="/" replace />;

  return (
    <AuthCard title={t('profile.twoFactor.forcedTitle')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('profile.twoFactor.forcedIntro')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
        {t('profile.twoFactor.intro')}
      </Typography>
      <TwoFactorSetup onEnabled={setCodes} />
      <Divider sx={{ my: 3 }} />
      <Box sx={{ textAlign: 'end' }}>
        <Button onClick={() => void signOut().then(() => navigate('/login', { replace: true }))}>
          {t('nav.signOut')}
        </Button>
      </Box>
      {codes && (
        <RecoveryCodesDialog
          codes={codes}
          username={me.data.user.username}
          onClose={() => void qc.invalidateQueries({ queryKey: ME_KEY }).then(() => navigate('/', { replace: true }))}
        />
      )}
    </AuthCard>
  );
}
