import { useEffect, useState } from 'react';
import { Alert, Box, FormControlLabel, FormHelperText, Switch, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/states';
import { pushState, subscribeToPush, unsubscribeFromPush, type PushState } from './push-subscription';

/**
 * Web Push in this browser: on subscribes it (the browser asks the person first), off forgets it.
 * Disabled, with the reason, where the browser has no Push API or the person blocked notifications.
 */
export function PushToggle() {
  const { t } = useTranslation();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    pushState()
      .then((s) => live && setState(s))
      .catch(() => live && setState('unsupported'));
    return () => {
      live = false;
    };
  }, []);

  const toggle = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setState(on ? await subscribeToPush() : await unsubscribeFromPush());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const blocked = state === 'unsupported' || state === 'denied';
  const hint =
    state === 'unsupported'
      ? t('notifySettings.push.unsupported')
      : state === 'denied'
        ? t('notifySettings.push.denied')
        : state === 'subscribed'
          ? t('notifySettings.push.subscribed')
          : t('notifySettings.push.hint');

  return (
    <Box sx={{ mt: 3, pt: 2, borderTop: 1, borderColor: 'divider' }} data-testid="push-toggle" data-state={state ?? ''}>
      <Typography variant="subtitle2" component="h3">
        {t('notifySettings.push.title')}
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={state === 'subscribed'}
            disabled={state === null || blocked || busy}
            onChange={(e) => void toggle(e.target.checked)}
            slotProps={{
              input: { 'aria-describedby': 'push-toggle-hint', 'data-testid': 'push-toggle-switch' } as object,
            }}
          />
        }
        label={t('notifySettings.push.label')}
      />
      <FormHelperText id="push-toggle-hint" sx={{ mx: 0, mt: -0.5 }}>
        {state === null ? t('common.loading') : hint}
      </FormHelperText>
      {!!error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {errorMessage(error, t('notifySettings.push.failed'))}
        </Alert>
      )}
    </Box>
  );
}
