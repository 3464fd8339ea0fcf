import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isStaff, useMe } from '../../app/session';
import { ApiTokensCard } from './ApiTokensCard';
import { PreferencesCard } from './PreferencesCard';
import { ProfileCard } from './ProfileCard';
import { PasswordCard } from './PasswordCard';
import { TwoFactorCard } from './TwoFactorCard';
import { AwayCard } from './AwayCard';
import { NotificationFilterCard } from '../notifications/NotificationFilterCard';
import { NotificationSettingsCard } from '../notifications/NotificationSettingsCard';

/**
 * The person's own profile: language and digits, name and contacts, signature, avatar, password;
 * staff's two-factor sign-in; notifications (events and channels, this browser's push; staff's filter of senders);
 * staff's API tokens.
 */
export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  return (
    <Stack spacing={3} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">
        {t('profile.title')}
      </Typography>
      <PreferencesCard />
      <ProfileCard me={me} />
      {isStaff(me) && <AwayCard me={me} />}
      <PasswordCard />
      {isStaff(me) && <TwoFactorCard username={me.user.username} />}
      <NotificationSettingsCard me={me} />
      {isStaff(me) && <NotificationFilterCard />}
      {isStaff(me) && <ApiTokensCard />}
    </Stack>
  );
}
