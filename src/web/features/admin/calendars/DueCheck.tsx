import { useState } from 'react';
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import Calculate from '@mui/icons-material/Calculate';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { useDisplayPrefs } from '../../../app/prefs';
import { DateField } from '../../../ui/DateField';
import { fieldErrors, FormError } from '../../../ui/form';
import { formatDate, todayIn, useFormat } from '../../../ui/format';
import { NumberField } from '../../../ui/NumberField';
import { TimeInput } from './TimeInput';
import { isClock, normaliseClock, zonedInstant, type Calendar } from './model';

type Unit = 'hours' | 'minutes';
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long' };
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/**
 * Checks a calendar: when does an amount of working time, counted from a day and time on the
 * calendar's clock, run out? The server does the arithmetic every timer and SLA uses, on the
 * saved calendar, and the answer is shown in the interface's calendar with its weekday.
 */
export function DueCheck({ calendar, unsaved }: { calendar: Calendar; unsaved: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { persianDigits } = useDisplayPrefs();
  const [day, setDay] = useState<string | null>(() => todayIn(calendar.timezone));
  const [time, setTime] = useState('09:00');
  const [amount, setAmount] = useState('8');
  const [unit, setUnit] = useState<Unit>('hours');
  const [timeError, setTimeError] = useState(false);
  const check = useMutation({
    // The unit travels along only to say the amount back as it was asked.
    mutationFn: ({ unit: _unit, ...body }: { from: string; workingMinutes: number; unit: Unit }) =>
      call('calendarDue', { path: { id: calendar.id }, body }),
  });
  const fe = fieldErrors(check.error);
  // Weekday, day and time apart: formatted together, Persian puts the year first and a Latin comma in.
  const when = (iso: string) => {
    const part = (opts: Intl.DateTimeFormatOptions) => formatDate(iso, f.lang, persianDigits, opts, calendar.timezone);
    return t('admin.calendars.when', { weekday: part(WEEKDAY), date: part(DAY), time: part(CLOCK) });
  };
  const value = Number(amount);
  const ready = !!day && amount !== '' && Number.isFinite(value);
  const run = () => {
    const clock = normaliseClock(time);
    setTime(clock);
    setTimeError(!isClock(clock));
    if (!ready || !isClock(clock)) return;
    const workingMinutes = Math.round(unit === 'hours' ? value * 60 : value);
    check.mutate({ from: zonedInstant(day, clock, calendar.timezone), workingMinutes, unit });
  };
  const amountText = (n: number, u: Unit) =>
    t(u === 'hours' ? 'admin.calendars.workingHours' : 'admin.calendars.workingMinutes', { count: n, n: f.number(n) });
  const due = check.data?.due;
  const done = due ? check.variables : undefined;

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('admin.calendars.checkHint', { zone: calendar.timezone })}
      </Typography>
      {unsaved && (
        <Alert severity="info" data-testid="due-unsaved">
          {t('admin.calendars.checkUnsaved')}
        </Alert>
      )}
      <Box
        component="form"
        noValidate
        aria-label={t('admin.calendars.checkTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!check.isPending) run();
        }}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}
      >
        <Box sx={{ width: { xs: '100%', sm: 200 } }}>
          <DateField
            label={t('admin.calendars.checkFromDay')}
            value={day}
            onChange={setDay}
            error={fe.has('from')}
            helperText={fe.fields.from}
          />
        </Box>
        <TimeInput
          label={t('admin.calendars.checkFromTime')}
          value={time}
          onChange={(v) => {
            setTime(v);
            setTimeError(false);
          }}
          error={timeError}
          describedBy={timeError ? 'due-time-error' : undefined}
          testId="due-time"
          width={110}
        />
        <NumberField
          size="small"
          decimal={unit === 'hours'}
          label={t('admin.calendars.checkAmount')}
          value={amount}
          onChange={setAmount}
          error={fe.has('workingMinutes')}
          helperText={fe.fields.workingMinutes}
          sx={{ width: 120 }}
          slotProps={{ htmlInput: { 'data-testid': 'due-amount' } }}
        />
        <TextField
          select
          size="small"
          label={t('admin.calendars.checkUnit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value as Unit)}
          sx={{ minWidth: 140 }}
        >
          <MenuItem value="hours">{t('admin.calendars.unitHours')}</MenuItem>
          <MenuItem value="minutes">{t('admin.calendars.unitMinutes')}</MenuItem>
        </TextField>
        <Button
          type="submit"
          variant="outlined"
          startIcon={<Calculate />}
          loading={check.isPending}
          disabled={!ready}
          data-testid="due-check"
        >
          {t('admin.calendars.checkRun')}
        </Button>
      </Box>
      {timeError && (
        <Typography id="due-time-error" variant="caption" color="error" role="alert">
          {t('admin.calendars.clockHint', { example: f.digits('14:00') })}
        </Typography>
      )}
      <FormError error={check.error} shown={['from', 'workingMinutes']} />
      {done && due && (
        <Alert severity="success" role="status" data-testid="due-result" data-due={due}>
          {t('admin.calendars.dueResult', {
            amount: amountText(done.unit === 'hours' ? done.workingMinutes / 60 : done.workingMinutes, done.unit),
            from: when(done.from),
            due: when(due),
          })}
        </Alert>
      )}
    </Stack>
  );
}
