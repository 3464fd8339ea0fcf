import { useState, type ReactNode } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { fieldErrors, FormError } from '../../../ui/form';
import { NumberField } from '../../../ui/NumberField';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { autoDirInput, isolate, UserText } from '../../../ui/UserText';
import { SLA_TARGET_KEYS } from '../../sla/sla-time';
import type { Calendar } from '../calendars/model';
import { LabelledSwitch } from '../LabelledSwitch';
import type { Department, TicketType, User } from '../types';
import { BreachFields } from './BreachFields';
import { ConditionsFields } from './ConditionsFields';
import type { RequestTypeOption } from './lookups';
import { draftSig, messageUnder, shownKeys, toBody, toDraft, type Draft, type SlaPolicy } from './model';
import { SpanInput } from './SpanInput';

/** One titled part of the editor (a level-3 heading under the dialog's title). */
function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`sla-${id}`} sx={{ p: { xs: 1.5, sm: 2 } }}>
      <Typography variant="h6" component="h3" id={`sla-${id}`}>
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

export interface SlaLookups {
  departments: Department[];
  staff: User[];
  calendars: Calendar[];
  ticketTypes: TicketType[];
  requestTypes: RequestTypeOption[];
}

/**
 * E3: an SLA policy's editor — its name, place in the matching order and calendar; which tickets
 * it is for; its targets in hours and minutes of working time; what happens on a breach. The
 * server's messages show next to their fields; changes are not thrown away without asking.
 */
export function SlaPolicyDialog({
  policy,
  nextPosition,
  lookups,
  onClose,
  onSaved,
}: {
  policy: SlaPolicy | null;
  nextPosition: number;
  lookups: SlaLookups;
  onClose: () => void;
  onSaved: (p: SlaPolicy, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [draft, setDraft] = useState<Draft>(() => toDraft(policy, nextPosition));
  const [initial] = useState(() => draftSig(toDraft(policy, nextPosition)));
  const guard = useDiscardGuard(onClose, { dirty: draftSig(draft) !== initial });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = useMutation({
    mutationFn: () => {
      const body = toBody(draft);
      return policy ? call('updateSlaPolicy', { path: { id: policy.id }, body }) : call('createSlaPolicy', { body });
    },
    onSuccess: (saved) => onSaved(saved, !policy),
  });
  const fe = fieldErrors(save.error);
  const targetsError = fe.fields.targets;
  const defaultCalendar = lookups.calendars.find((c) => c.isDefault);

  return (
    <>
      <Dialog
        open
        onClose={save.isPending ? undefined : guard.requestClose}
        fullScreen={phone}
        fullWidth
        maxWidth="md"
        aria-labelledby="sla-dialog-title"
        data-testid="sla-dialog"
      >
        <DialogTitle id="sla-dialog-title">
          {policy ? t('admin.sla.editTitle', { name: isolate(policy.name) }) : t('admin.sla.new')}
        </DialogTitle>
        <DialogContent dividers sx={{ px: { xs: 1.5, sm: 3 } }}>
          <Stack
            component="form"
            id="sla-form"
            noValidate
            spacing={2}
            onSubmit={(e) => {
              e.preventDefault();
              if (!save.isPending) save.mutate();
            }}
          >
            <FormError error={save.error} shown={shownKeys(fe.fields)} />
            <Section id="details" title={t('admin.sla.details')}>
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 2fr' } }}>
                <TextField
                  required
                  autoFocus={!policy}
                  size="small"
                  label={t('common.name')}
                  value={draft.name}
                  onChange={(e) => set('name', e.target.value)}
                  {...fe.field('name')}
                  slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'sla-name' } }}
                />
                <NumberField
                  size="small"
                  label={t('admin.common.position')}
                  value={draft.position}
                  onChange={(v) => set('position', v)}
                  {...fe.field('position', t('admin.sla.positionHint'))}
                  slotProps={{ htmlInput: { maxLength: 5, 'data-testid': 'sla-position' } }}
                />
                <TextField
                  select
                  size="small"
                  label={t('admin.sla.calendar')}
                  value={draft.calendarId}
                  onChange={(e) => set('calendarId', e.target.value)}
                  {...fe.field('calendarId', t('admin.sla.calendarHint'))}
                  slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                  data-testid="sla-calendar"
                >
                  <MenuItem value="">
                    {defaultCalendar
                      ? t('admin.sla.defaultCalendarNamed', { name: isolate(defaultCalendar.name) })
                      : t('admin.sla.defaultCalendar')}
                  </MenuItem>
                  {lookups.calendars.map((c) => (
                    <MenuItem key={c.id} value={c.id}>
                      <UserText>{c.name}</UserText>
                    </MenuItem>
                  ))}
                </TextField>
              </Box>
            </Section>
            <Section id="conditions" title={t('admin.sla.conditions')} hint={t('admin.sla.conditionsHint')}>
              <ConditionsFields
                draft={draft}
                set={set}
                fields={fe.fields}
                departments={lookups.departments}
                ticketTypes={lookups.ticketTypes}
                requestTypes={lookups.requestTypes}
              />
            </Section>
            <Section id="targets" title={t('admin.sla.targets')} hint={t('admin.sla.targetsHint')}>
              <Stack spacing={1.5}>
                {SLA_TARGET_KEYS.map((k) => (
                  <SpanInput
                    key={k}
                    id={`sla-target-${k}`}
                    label={t(`sla.target.${k}`)}
                    value={draft.targets[k]}
                    onChange={(v) => set('targets', { ...draft.targets, [k]: v })}
                    error={messageUnder(fe.fields, `targets.${k}`)}
                    hint={t(`admin.sla.targetHint.${k}`)}
                  />
                ))}
                {targetsError && (
                  <FormHelperText error role="alert" data-testid="sla-targets-error" sx={{ mx: 0 }}>
                    {targetsError}
                  </FormHelperText>
                )}
                <SpanInput
                  id="sla-warn-before"
                  label={t('admin.sla.warnBefore')}
                  value={draft.warnBefore}
                  onChange={(v) => set('warnBefore', v)}
                  error={messageUnder(fe.fields, 'warnBefore')}
                  hint={t('admin.sla.warnBeforeHint')}
                />
                <LabelledSwitch
                  label={t('admin.sla.pauseWhilePending')}
                  checked={draft.pauseWhilePending}
                  onChange={(v) => set('pauseWhilePending', v)}
                  hint={t('admin.sla.pauseHint')}
                  error={fe.fields.pauseWhilePending}
                  testId="sla-pause"
                />
              </Stack>
            </Section>
            <Section id="breach" title={t('admin.sla.onBreach')} hint={t('admin.sla.onBreachHint')}>
              <BreachFields
                draft={draft}
                set={set}
                fields={fe.fields}
                departments={lookups.departments}
                staff={lookups.staff}
              />
            </Section>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose} disabled={save.isPending} data-testid="sla-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="sla-form" variant="contained" loading={save.isPending} data-testid="sla-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
      {guard.confirm}
    </>
  );
}
