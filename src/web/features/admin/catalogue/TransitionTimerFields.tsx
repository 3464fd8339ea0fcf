import { Box, ListItemText, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../../../ui/NumberField';
import { isolate, UserText } from '../../../ui/UserText';
import type { Calendar } from '../calendars/model';
import { LabelledSwitch } from '../LabelledSwitch';
import { pick, shownError } from './errors';
import type { TimerDraft, TransitionDraft } from './model';

/**
 * E3: a timer that starts when the transition is taken and counts working time (by a business
 * calendar): when it runs out while the request is still where the transition led, another
 * transition — one that starts there — is taken by itself.
 */
export function TransitionTimerFields({
  timer,
  onChange,
  errors,
  to,
  toName,
  others,
  calendars,
}: {
  timer: TimerDraft | null;
  onChange: (timer: TimerDraft | null) => void;
  errors: Record<string, string> | undefined;
  /** The status this transition leads to, where the timer runs. */
  to: string;
  toName: string;
  /** The workflow's other transitions. */
  others: TransitionDraft[];
  calendars: Calendar[];
}) {
  const { t } = useTranslation();
  const set = <K extends keyof TimerDraft>(k: K, v: TimerDraft[K]) => timer && onChange({ ...timer, [k]: v });
  const amountError = pick(errors, 'timer.workingMinutes') ?? errors?.timer;
  return (
    <>
      <LabelledSwitch
        label={t('admin.catalogue.timerOn')}
        checked={!!timer}
        onChange={(on) => onChange(on ? { hours: '72', minutes: '0', calendarId: '', onExpiry: '' } : null)}
        hint={t('admin.catalogue.timerHint')}
        testId="transition-timer"
      />
      {timer && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(4, minmax(0, 1fr))' } }}>
          <NumberField
            size="small"
            label={t('admin.catalogue.timerHours')}
            value={timer.hours}
            onChange={(v) => set('hours', v)}
            error={!!amountError}
            helperText={amountError ?? t('admin.catalogue.timerHoursHint')}
            slotProps={{ htmlInput: { 'data-testid': 'timer-hours' } }}
          />
          <NumberField
            size="small"
            label={t('admin.catalogue.timerMinutes')}
            value={timer.minutes}
            onChange={(v) => set('minutes', v)}
            slotProps={{ htmlInput: { 'data-testid': 'timer-minutes' } }}
          />
          <TextField
            select
            size="small"
            label={t('admin.catalogue.timerCalendar')}
            value={timer.calendarId}
            onChange={(e) => set('calendarId', e.target.value)}
            {...shownError(pick(errors, 'timer.calendarId'))}
            slotProps={{
              inputLabel: { shrink: true },
              select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'timer-calendar' } as object },
            }}
            sx={{ gridColumn: { xs: '1 / -1', sm: 'auto / span 2' } }}
          >
            <MenuItem value="">{t('admin.catalogue.departmentCalendar')}</MenuItem>
            {calendars.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                <UserText>{c.name}</UserText>
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            required
            size="small"
            label={t('admin.catalogue.onExpiry')}
            value={timer.onExpiry}
            onChange={(e) => set('onExpiry', e.target.value)}
            {...shownError(
              pick(errors, 'timer.onExpiry'),
              t('admin.catalogue.onExpiryHint', { name: isolate(toName) }),
            )}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'timer-on-expiry' } as object } }}
            sx={{ gridColumn: '1 / -1' }}
          >
            {others.length === 0 && (
              <MenuItem value="" disabled>
                {t('admin.catalogue.noOtherTransitions')}
              </MenuItem>
            )}
            {others.map((o) => {
              const fits = o.from.includes(to);
              return (
                <MenuItem key={o.uid} value={o.id} disabled={!fits}>
                  <ListItemText
                    primary={<UserText>{o.name || o.id}</UserText>}
                    secondary={fits ? undefined : t('admin.catalogue.notFromHere', { name: isolate(toName) })}
                  />
                </MenuItem>
              );
            })}
          </TextField>
        </Box>
      )}
    </>
  );
}
