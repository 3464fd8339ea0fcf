import { Alert, Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { SubscriptionBanner } from '../features/billing/SubscriptionBanner';
import { UserText } from '../ui/UserText';
import { usePublicSettings } from './session';

/**
 * J1: the workspace's public announcement, and the suspension notice while it is suspended;
 * cloud mode: the plan's grace, read-only and suspension notices (features/billing).
 */
export function Banners() {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const s = settings.data;
  if (!s) return null;
  return (
    <>
      {s.suspended && (
        <Alert severity="error" role="alert" sx={{ borderRadius: 0 }} data-testid="suspension-banner">
          <strong>{t('banners.suspended')}</strong> <UserText>{s.suspensionMessage}</UserText>
        </Alert>
      )}
      <SubscriptionBanner />
      {s.announcement && (
        <Alert severity="info" sx={{ borderRadius: 0, whiteSpace: 'pre-line' }} data-testid="announcement-banner">
          <Box dir="auto">{s.announcement}</Box>
        </Alert>
      )}
    </>
  );
}
