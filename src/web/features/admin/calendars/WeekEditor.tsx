import { Box, Button, FormHelperText, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import Close from '@mui/icons-material/Close';
import RestartAlt from '@mui/icons-material/RestartAlt';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { TimeInput } from './TimeInput';
import {
  copyWeek,
  fieldsUnder,
  IRANIAN_WEEK,
  normaliseClock,
  WEEKDAY_SAMPLE,
  WEEKDAYS,
  type TimeWindow,
  type Week,
  type Weekday,
} from './model';

const MAX_WINDOWS = 8;

/** The weekday's name in the interface's language ("شنبه", "Saturday"), from the date formatter. */
export function useWeekdayName() {
  const f = useFormat();
  return (d: Weekday) => f.day(WEEKDAY_SAMPLE[d], { weekday: 'long' });
}

/** A window after the day's last one: half an hour after it, an hour long (empty when none fits). */
function nextWindow(windows: TimeWindow[]): TimeWindow {
  if (!windows.length) return ['08:00', '16:00'];
  const m = /^(\d{2}):(\d{2})$/.exec(normaliseClock(windows[windows.length - 1][1]));
  const start = m ? Number(m[1]) * 60 + Number(m[2]) + 30 : NaN;
  if (!(start <= 23 * 60)) return ['', ''];
  const clock = (min: number) =>
    `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  return [clock(start), clock(Math.min(start + 60, 24 * 60))];
}

/**
 * The working week: for each day (Saturday first) its working windows, start and end on the
 * calendar's clock; a day without any is off. The server's messages show under the window (or
 * the day) they are about: `fields` holds them by path ("week.thu.0").
 */
export function WeekEditor({
  week,
  onChange,
  fields,
}: {
  week: Week;
  onChange: (week: Week) => void;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const dayName = useWeekdayName();
  const setDay = (d: Weekday, windows: TimeWindow[]) => onChange({ ...week, [d]: windows });
  const whole = fields.week;

  return (
    <Stack spacing={1}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
      >
        <Typography variant="body2" color="text.secondary">
          {t('admin.calendars.weekHint')}
        </Typography>
        <Button
          size="small"
          startIcon={<RestartAlt />}
          onClick={() => onChange(copyWeek(IRANIAN_WEEK))}
          data-testid="week-reset"
          sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
        >
          {t('admin.calendars.resetWeek')}
        </Button>
      </Stack>
      {whole && (
        <FormHelperText error role="alert" data-testid="week-error">
          {whole}
        </FormHelperText>
      )}
      <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        {WEEKDAYS.map((d) => {
          const name = dayName(d);
          const windows = week[d];
          const errors = fieldsUnder(fields, `week.${d}`);
          const dayError = errors[''];
          return (
            <Box
              key={d}
              role="group"
              aria-labelledby={`week-${d}-name`}
              data-testid={`week-${d}`}
              sx={{
                // A phone: the day and its "add" button on one line, the windows under them.
                display: 'grid',
                gridTemplateColumns: { xs: '1fr auto', sm: '110px 1fr auto' },
                gridTemplateAreas: { xs: '"name add" "windows windows"', sm: '"name windows add"' },
                alignItems: 'start',
                columnGap: 1,
                rowGap: 0.5,
                px: 1.5,
                py: 1,
                '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' },
              }}
            >
              <Typography id={`week-${d}-name`} sx={{ gridArea: 'name', pt: { xs: 0.5, sm: 1 }, fontWeight: 500 }}>
                {name}
              </Typography>
              <Stack spacing={1} sx={{ gridArea: 'windows', minWidth: 0 }}>
                {windows.length === 0 && (
                  <Typography color="text.secondary" sx={{ pt: { sm: 1 } }} data-testid={`week-${d}-off`}>
                    {t('admin.calendars.dayOff')}
                  </Typography>
                )}
                {windows.map(([start, end], i) => {
                  const n = f.number(i + 1);
                  const both = errors[String(i)];
                  const message = both ?? errors[`${i}.0`] ?? errors[`${i}.1`];
                  const helpId = `week-${d}-${i}-error`;
                  const set = (w: TimeWindow) =>
                    setDay(
                      d,
                      windows.map((x, j) => (j === i ? w : x)),
                    );
                  return (
                    <Box key={i} data-testid={`week-${d}-${i}`}>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <TimeInput
                          hiddenLabel
                          label={t('admin.calendars.windowStart', { day: name, n })}
                          value={start}
                          onChange={(v) => set([v, end])}
                          error={!!both || `${i}.0` in errors}
                          describedBy={message ? helpId : undefined}
                          testId={`week-${d}-${i}-start`}
                        />
                        <Typography aria-hidden color="text.secondary">
                          {t('admin.calendars.until')}
                        </Typography>
                        <TimeInput
                          hiddenLabel
                          label={t('admin.calendars.windowEnd', { day: name, n })}
                          value={end}
                          onChange={(v) => set([start, v])}
                          error={!!both || `${i}.1` in errors}
                          describedBy={message ? helpId : undefined}
                          testId={`week-${d}-${i}-end`}
                        />
                        <Tooltip title={t('admin.calendars.removeWindow', { day: name, n })}>
                          <IconButton
                            size="small"
                            aria-label={t('admin.calendars.removeWindow', { day: name, n })}
                            onClick={() =>
                              setDay(
                                d,
                                windows.filter((_, j) => j !== i),
                              )
                            }
                            data-testid={`week-${d}-${i}-remove`}
                          >
                            <Close fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      </Stack>
                      {message && (
                        <FormHelperText error id={helpId} data-testid={`week-${d}-${i}-error`}>
                          {message}
                        </FormHelperText>
                      )}
                    </Box>
                  );
                })}
                {dayError && (
                  <FormHelperText error data-testid={`week-${d}-error`}>
                    {dayError}
                  </FormHelperText>
                )}
              </Stack>
              <Button
                size="small"
                startIcon={<Add />}
                disabled={windows.length >= MAX_WINDOWS}
                onClick={() => setDay(d, [...windows, nextWindow(windows)])}
                aria-label={t('admin.calendars.addWindowTo', { day: name })}
                data-testid={`week-${d}-add`}
                sx={{ gridArea: 'add', justifySelf: 'end', mt: { sm: 0.5 } }}
              >
                {t('admin.calendars.addWindow')}
              </Button>
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}
