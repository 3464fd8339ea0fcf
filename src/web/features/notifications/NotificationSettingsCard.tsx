import { useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Check from '@mui/icons-material/Check';
import Remove from '@mui/icons-material/Remove';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isStaff, type Me } from '../../app/session';
import { QueryView } from '../../ui/states';
import { visuallyHidden } from '../../ui/visually-hidden';
import { PushToggle } from './PushToggle';
import { SaveForm } from './SaveForm';
import {
  CHANNELS,
  eventsFor,
  useNotificationSettings,
  useSaveNotificationSettings,
  type ChannelName,
  type EventName,
  type NotificationSettings,
} from './settings-queries';

type Draft = Pick<NotificationSettings, 'channels' | 'events' | 'workingHoursOnly'>;

/**
 * Profile → notifications (G1, G3): which events to hear of (rows) and by which channels
 * (columns: e-mail, SMS, push — one switch each, for every event); in the app they always
 * reach the bell. Below, this browser's Web Push subscription.
 */
export function NotificationSettingsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  // The bell and the notifications page link here (/profile#notifications).
  useEffect(() => {
    if (location.hash === '#notifications' && settings.data) ref.current?.scrollIntoView({ block: 'start' });
  }, [location.hash, settings.data]);
  return (
    <Card
      variant="outlined"
      component="section"
      id="notifications"
      ref={ref}
      aria-labelledby="notification-settings-title"
      data-testid="notification-settings"
      sx={{ scrollMarginTop: 72 }}
    >
      <CardContent>
        <Typography variant="h6" component="h2" id="notification-settings-title">
          {t('notifySettings.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
          {isStaff(me) ? t('notifySettings.introStaff') : t('notifySettings.introCustomer')}
        </Typography>
        <QueryView query={settings} rows={4}>
          {(data) => <SettingsForm me={me} saved={data} />}
        </QueryView>
        <PushToggle />
      </CardContent>
    </Card>
  );
}

function SettingsForm({ me, saved }: { me: Me; saved: NotificationSettings }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'));
  const events = eventsFor(me);
  const initial = (s: NotificationSettings): Draft => ({
    channels: s.channels,
    events: s.events,
    workingHoursOnly: s.workingHoursOnly,
  });
  const [draft, setDraft] = useState<Draft>(initial(saved));
  const [done, setDone] = useState(false);
  const save = useSaveNotificationSettings();
  const dirty =
    CHANNELS.some((c) => draft.channels[c] !== saved.channels[c]) ||
    events.some((e) => draft.events[e] !== saved.events[e]) ||
    draft.workingHoursOnly !== saved.workingHoursOnly;
  const setChannel = (c: ChannelName, on: boolean) => {
    setDone(false);
    setDraft((d) => ({ ...d, channels: { ...d.channels, [c]: on } }));
  };
  const setEvent = (e: EventName, on: boolean) => {
    setDone(false);
    setDraft((d) => ({ ...d, events: { ...d.events, [e]: on } }));
  };
  const channelSwitch = (c: ChannelName, withLabel: boolean) => (
    <Switch
      size={withLabel ? 'medium' : 'small'}
      checked={draft.channels[c]}
      onChange={(e) => setChannel(c, e.target.checked)}
      slotProps={{
        input: {
          'aria-label': withLabel ? undefined : t(`notifySettings.channel.${c}`),
          'data-testid': `notify-channel-${c}`,
        } as object,
      }}
    />
  );
  const eventSwitch = (e: EventName) => (
    <FormControlLabel
      sx={{ m: 0, gap: 0.5 }}
      control={
        <Switch
          size="small"
          checked={draft.events[e]}
          onChange={(ev) => setEvent(e, ev.target.checked)}
          slotProps={{ input: { 'data-testid': `notify-event-${e}` } as object }}
        />
      }
      label={<Typography variant="body2">{t(`notifySettings.event.${e}`)}</Typography>}
    />
  );
  const mark = (on: boolean) =>
    on ? (
      <>
        <Check fontSize="small" color="success" aria-hidden />
        <Box component="span" sx={visuallyHidden}>
          {t('notifySettings.on')}
        </Box>
      </>
    ) : (
      <>
        <Remove fontSize="small" sx={{ color: 'text.disabled' }} aria-hidden />
        <Box component="span" sx={visuallyHidden}>
          {t('notifySettings.off')}
        </Box>
      </>
    );

  return (
    <SaveForm
      onSave={() => {
        const body = {
          channels: draft.channels,
          events: Object.fromEntries(events.map((ev) => [ev, draft.events[ev]])),
          workingHoursOnly: draft.workingHoursOnly,
        };
        save.mutate(body, {
          onSuccess: (next) => (setDraft(initial(next)), setDone(true)),
        });
      }}
      error={save.error}
      saved={done && !dirty}
      savedText={t('notifySettings.saved')}
      onDismiss={() => setDone(false)}
      dirty={dirty}
      saving={save.isPending}
      actions={
        dirty && (
          <Button onClick={() => (setDraft(initial(saved)), save.reset())} disabled={save.isPending}>
            {t('notifySettings.discard')}
          </Button>
        )
      }
      testId="notify"
    >
      {narrow ? (
        <Stack spacing={2}>
          <Box component="fieldset" sx={{ border: 0, m: 0, p: 0 }}>
            <Typography component="legend" variant="subtitle2" sx={{ mb: 0.5 }}>
              {t('notifySettings.channels')}
            </Typography>
            {CHANNELS.map((c) => (
              <div key={c}>
                <FormControlLabel control={channelSwitch(c, true)} label={t(`notifySettings.channel.${c}`)} />
              </div>
            ))}
            <Typography variant="body2" color="text.secondary">
              {t('notifySettings.inAppNote')}
            </Typography>
          </Box>
          <Box component="fieldset" sx={{ border: 0, m: 0, p: 0 }}>
            <Typography component="legend" variant="subtitle2" sx={{ mb: 0.5 }}>
              {t('notifySettings.eventsLegend')}
            </Typography>
            <Stack spacing={1}>
              {events.map((e) => (
                <div key={e}>
                  {eventSwitch(e)}
                  <Typography variant="caption" color="text.secondary" component="p" sx={{ pl: 5.5 }}>
                    {draft.events[e]
                      ? [
                          t('notifySettings.channel.inApp'),
                          ...CHANNELS.filter((c) => draft.channels[c]).map((c) => t(`notifySettings.channel.${c}`)),
                        ].join(t('notifySettings.listJoin'))
                      : t('notifySettings.eventOff')}
                  </Typography>
                </div>
              ))}
            </Stack>
          </Box>
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('notifySettings.matrix')} data-testid="notify-matrix">
            <TableHead>
              <TableRow>
                <TableCell sx={{ fontWeight: 600 }}>{t('notifySettings.events')}</TableCell>
                <TableCell align="center" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                  {t('notifySettings.channel.inApp')}
                </TableCell>
                {CHANNELS.map((c) => (
                  <TableCell key={c} align="center" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    <Stack sx={{ alignItems: 'center' }}>
                      <span>{t(`notifySettings.channel.${c}`)}</span>
                      {channelSwitch(c, false)}
                    </Stack>
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e} data-testid={`notify-row-${e}`}>
                  <TableCell>{eventSwitch(e)}</TableCell>
                  <TableCell align="center">{mark(draft.events[e])}</TableCell>
                  {CHANNELS.map((c) => (
                    <TableCell key={c} align="center">
                      {mark(draft.events[e] && draft.channels[c])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('notifySettings.inAppNote')}
          </Typography>
        </Box>
      )}
      {!isStaff(me) && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('notifySettings.customerSmsNote')}
        </Typography>
      )}
      <FormControlLabel
        sx={{ mt: 2, alignItems: 'flex-start' }}
        control={
          <Switch
            checked={draft.workingHoursOnly}
            onChange={(e) => (setDone(false), setDraft((d) => ({ ...d, workingHoursOnly: e.target.checked })))}
            slotProps={{ input: { 'data-testid': 'notify-working-hours' } as object }}
          />
        }
        label={
          <Box sx={{ pt: 1 }}>
            <Typography variant="body2">{t('notifySettings.workingHoursOnly')}</Typography>
            <Typography variant="caption" color="text.secondary">
              {t('notifySettings.workingHoursOnlyHelp')}
            </Typography>
          </Box>
        }
      />
    </SaveForm>
  );
}
