import { useState } from 'react';
import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { isolate } from '../../ui/UserText';
import { EntityDialog } from '../admin/EntityDialog';
import { LabelledSwitch } from '../admin/LabelledSwitch';
import { eventKey, WEBHOOK_EVENTS, type Webhook, type WebhookWithSecret } from './types';

const SHOWN = ['url', 'events', 'active', 'description'];

/** K10: a webhook's address, events and state. A new one answers its secret, which the page shows once. */
export function WebhookDialog({
  webhook,
  onClose,
  onSaved,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onSaved: (created: WebhookWithSecret | null) => void;
}) {
  const { t } = useTranslation();
  const w = webhook;
  const [url, setUrl] = useState(w?.url ?? '');
  const [description, setDescription] = useState(w?.description ?? '');
  const [active, setActive] = useState(w?.active ?? true);
  const [events, setEvents] = useState<string[]>(w?.events ?? ['ticket.created']);

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        url: url.trim(),
        description: description.trim(),
        active,
        events: WEBHOOK_EVENTS.filter((e) => events.includes(e)),
      };
      if (w) {
        await call('updateWebhook', { path: { id: w.id }, body });
        return null;
      }
      return call('createWebhook', { body });
    },
    onSuccess: (created) => {
      onSaved(created);
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const toggle = (e: string, on: boolean) => setEvents((cur) => (on ? [...cur, e] : cur.filter((x) => x !== e)));

  return (
    <EntityDialog
      open
      title={w ? t('admin.webhooks.editTitle', { name: isolate(w.url) }) : t('admin.webhooks.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={SHOWN}
    >
      <TextField
        required
        autoFocus
        type="url"
        label={t('admin.webhooks.url')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        {...fe.field('url', t('admin.webhooks.urlHint'))}
        slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, 'data-testid': 'webhook-url' } }}
      />
      <TextField
        label={t('common.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...fe.field('description')}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'webhook-description' } }}
      />
      <FormControl component="fieldset" error={fe.has('events')}>
        <FormLabel component="legend">{t('admin.webhooks.events')}</FormLabel>
        <FormGroup>
          {WEBHOOK_EVENTS.map((e) => (
            <FormControlLabel
              key={e}
              control={
                <Checkbox
                  checked={events.includes(e)}
                  onChange={(ev) => toggle(e, ev.target.checked)}
                  slotProps={{ input: { 'data-testid': `webhook-event-${e}` } as object }}
                />
              }
              label={t(eventKey(e))}
            />
          ))}
        </FormGroup>
        <FormHelperText>{fe.fields.events ?? t('admin.webhooks.eventsHint')}</FormHelperText>
      </FormControl>
      <LabelledSwitch
        label={t('admin.common.activeLabel')}
        checked={active}
        onChange={setActive}
        hint={t('admin.webhooks.activeHint')}
        error={fe.fields.active}
        testId="webhook-active"
      />
    </EntityDialog>
  );
}
