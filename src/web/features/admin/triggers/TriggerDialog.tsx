import { useState, type ReactNode } from 'react';
import { Box, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TTriggerEvent } from '../../../../contracts/triggers';
import { call } from '../../../app/api';
import { fieldErrors } from '../../../ui/form';
import { autoDirInput, isolate } from '../../../ui/UserText';
import { EntityDialog } from '../EntityDialog';
import { LabelledSwitch } from '../LabelledSwitch';
import { ActionsEditor, ConditionsEditor, type TriggerLookups } from './TriggerEditors';
import { draftSig, EVENTS, keyOf, MESSAGE_FIELDS, toBody, toDraft, type Draft, type Trigger } from './model';

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 1.5, sm: 2 } }}>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {hint}
        </Typography>
      )}
      <Box sx={{ mt: 1.5 }}>{children}</Box>
    </Paper>
  );
}

/**
 * K7: a trigger's editor — its name, event and switch; the conditions (all must hold) and the
 * actions in the order they run. The server's messages show next to the rows they are about.
 */
export function TriggerDialog({
  trigger,
  nextPosition,
  lookups,
  onClose,
  onSaved,
}: {
  trigger: Trigger | null;
  nextPosition: number;
  lookups: TriggerLookups;
  onClose: () => void;
  onSaved: (created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(trigger));
  const [initial] = useState(() => draftSig(toDraft(trigger)));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const save = useMutation({
    mutationFn: () =>
      trigger
        ? call('updateTrigger', { path: { id: trigger.id }, body: toBody(draft) })
        : call('createTrigger', { body: toBody(draft, nextPosition) }),
    onSuccess: () => onSaved(!trigger),
  });
  const fe = fieldErrors(save.error);
  // Every row's messages show beside it; the form's own fields too.
  const shown = Object.keys(fe.fields).filter(
    (k) => ['name', 'event', 'active', 'actions'].includes(k) || /^(conditions|actions)\.\d+\./.test(k),
  );
  const changeEvent = (event: TTriggerEvent) =>
    setDraft((d) => ({
      ...d,
      event,
      // Message fields exist only for message.created.
      conditions:
        event === 'message.created' ? d.conditions : d.conditions.filter((c) => !MESSAGE_FIELDS.includes(c.field)),
    }));
  return (
    <EntityDialog
      open
      wide
      title={trigger ? t('admin.triggers.editTitle', { name: isolate(trigger.name) }) : t('admin.triggers.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={shown}
      dirty={draftSig(draft) !== initial}
    >
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 2fr 1fr' }, alignItems: 'start' }}>
        <TextField
          required
          autoFocus={!trigger}
          size="small"
          label={t('common.name')}
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          {...fe.field('name')}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'trigger-name' } }}
        />
        <TextField
          select
          size="small"
          label={t('admin.triggers.event')}
          value={draft.event}
          onChange={(e) => changeEvent(e.target.value as TTriggerEvent)}
          {...fe.field('event')}
          data-testid="trigger-event"
        >
          {EVENTS.map((e) => (
            <MenuItem key={e} value={e}>
              {t(`admin.triggers.events.${keyOf(e)}`)}
            </MenuItem>
          ))}
        </TextField>
        <LabelledSwitch
          label={t('admin.common.activeLabel')}
          checked={draft.active}
          onChange={(v) => set('active', v)}
          error={fe.fields.active}
          testId="trigger-active"
        />
      </Box>
      <Section title={t('admin.triggers.conditions')} hint={t('admin.triggers.conditionsHint')}>
        <ConditionsEditor
          event={draft.event}
          rows={draft.conditions}
          onChange={(rows) => set('conditions', rows)}
          lookups={lookups}
          errors={fe.fields}
        />
      </Section>
      <Section title={t('admin.triggers.actionsTitle')} hint={t('admin.triggers.actionsHint')}>
        <ActionsEditor
          rows={draft.actions}
          onChange={(rows) => set('actions', rows)}
          lookups={lookups}
          errors={fe.fields}
        />
      </Section>
    </EntityDialog>
  );
}
