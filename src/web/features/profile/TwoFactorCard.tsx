import { useState } from 'react';
import { Alert, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { ME_KEY } from '../../app/session';
import { useFormat } from '../../ui/format';
import { QueryView } from '../../ui/states';
import { RecoveryCodesDialog } from './RecoveryCodesDialog';
import { TwoFactorCodeDialog } from './TwoFactorCodeDialog';
import { TwoFactorSetup } from './TwoFactorSetup';

export const TWO_FACTOR_KEY = ['two-factor'] as const;

/**
 * Staff's two-factor sign-in in "My account" (K11): whether it is on, setting it up, new
 * recovery codes (shown once), turning it off (not while the workspace requires it).
 */
export function TwoFactorCard({ username }: { username: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const state = useQuery({ queryKey: TWO_FACTOR_KEY, queryFn: ({ signal }) => call('getMyTwoFactor', { signal }) });
  const [settingUp, setSettingUp] = useState(false);
  const [asking, setAsking] = useState<'off' | 'codes' | null>(null);
  const [codes, setCodes] = useState<{ list: string[]; enabled: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: TWO_FACTOR_KEY });
  // /auth/me carries the state too (the forced setup ends on it): asked once the codes are put away.
  const refreshMe = () => void qc.invalidateQueries({ queryKey: ME_KEY });

  return (
    <Card variant="outlined" data-testid="two-factor-card">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('profile.twoFactor.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('profile.twoFactor.intro')}
        </Typography>
        {notice && (
          <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        <QueryView query={state} rows={2}>
          {(s) =>
            s.enabled ? (
              <Stack spacing={2}>
                <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                  <Chip color="success" label={t('profile.twoFactor.on')} data-testid="two-factor-state" />
                  <Typography variant="body2">
                    {t('profile.twoFactor.onSince', { date: f.date(s.enabledAt) })}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t('profile.twoFactor.codesLeft', { count: s.recoveryCodesLeft, n: f.number(s.recoveryCodesLeft) })}
                  </Typography>
                </Stack>
                {s.required && <Alert severity="info">{t('profile.twoFactor.required')}</Alert>}
                <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
                  <Button
                    variant="outlined"
                    onClick={() => (setNotice(null), setAsking('codes'))}
                    data-testid="two-factor-new-codes"
                  >
                    {t('profile.twoFactor.newCodes')}
                  </Button>
                  {!s.required && (
                    <Button
                      color="error"
                      onClick={() => (setNotice(null), setAsking('off'))}
                      data-testid="two-factor-off"
                    >
                      {t('profile.twoFactor.turnOff')}
                    </Button>
                  )}
                </Stack>
              </Stack>
            ) : settingUp ? (
              <TwoFactorSetup
                onEnabled={(list) => (setSettingUp(false), setCodes({ list, enabled: true }), refresh())}
                onCancel={() => setSettingUp(false)}
              />
            ) : (
              <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                <Chip label={t('profile.twoFactor.off')} data-testid="two-factor-state" />
                <Button
                  variant="contained"
                  onClick={() => (setNotice(null), setSettingUp(true))}
                  data-testid="two-factor-set-up"
                >
                  {t('profile.twoFactor.setUp')}
                </Button>
              </Stack>
            )
          }
        </QueryView>
      </CardContent>
      {asking === 'off' && (
        <TwoFactorCodeDialog
          title={t('profile.twoFactor.offTitle')}
          text={t('profile.twoFactor.offText')}
          action={t('profile.twoFactor.turnOff')}
          send={(code) => call('disableMyTwoFactor', { body: { code } })}
          onDone={() => (setAsking(null), setNotice(t('profile.twoFactor.disabled')), refresh(), refreshMe())}
          onClose={() => setAsking(null)}
          testId="two-factor-off-dialog"
        />
      )}
      {asking === 'codes' && (
        <TwoFactorCodeDialog
          title={t('profile.twoFactor.newCodesTitle')}
          text={t('profile.twoFactor.newCodesText')}
          action={t('profile.twoFactor.newCodes')}
          send={(code) => call('renewMyRecoveryCodes', { body: { code } })}
          onDone={(r) => (setAsking(null), setCodes({ list: r.recoveryCodes, enabled: false }), refresh())}
          onClose={() => setAsking(null)}
          testId="two-factor-codes-dialog"
        />
      )}
      {codes && (
        <RecoveryCodesDialog
          codes={codes.list}
          username={username}
          onClose={() => {
            if (codes.enabled) setNotice(t('profile.twoFactor.enabled'));
            setCodes(null);
            refreshMe();
          }}
        />
      )}
    </Card>
  );
}
