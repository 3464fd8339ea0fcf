import { useMemo, useState } from 'react';
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import CloudDownloadOutlined from '@mui/icons-material/CloudDownloadOutlined';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../../app/api';
import { DateField } from '../../../ui/DateField';
import { FormError } from '../../../ui/form';
import { addDays, useFormat } from '../../../ui/format';
import { EmptyState } from '../../../ui/states';
import { autoDirInput, isolate } from '../../../ui/UserText';
import { ConfirmDelete } from '../ConfirmDelete';
import { HolidayList } from './HolidayList';
import { fieldsUnder, jalaliYear, sameHoliday, sortHolidays, type Calendar, type Holiday } from './model';

interface Change {
  list: Holiday[];
  notice: string;
  /** The place of a holiday being added in `list`: the server's messages about it go under the add form. */
  added?: number;
}

/**
 * K2: a calendar's holidays. Every change (confirm, a day earlier or later, add, remove) is saved
 * at once as the whole list, the way the API takes it; a Jalali year's official holidays are
 * imported by the server.
 */
export function HolidaysSection({
  calendar,
  onSaved,
  onTyping,
}: {
  calendar: Calendar;
  onSaved: (calendar: Calendar, notice: string) => void;
  /** Whether the add form holds text not added yet (the editor asks before throwing it away). */
  onTyping: (typing: boolean) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const holidays = useMemo(() => sortHolidays(calendar.holidays), [calendar.holidays]);
  const [day, setDay] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const thisYear = jalaliYear(new Date(), calendar.timezone);
  const years = [thisYear, thisYear + 1];
  // The current year is offered first unless the calendar has its holidays already.
  const hasYear = (y: number) =>
    calendar.holidays.some((h) => jalaliYear(new Date(`${h.date}T12:00:00Z`), 'UTC') === y);
  const [year, setYear] = useState(() => (hasYear(thisYear) ? thisYear + 1 : thisYear));

  const save = useMutation({
    mutationFn: (c: Change) =>
      call('updateCalendar', {
        path: { id: calendar.id },
        body: {
          holidays: c.list.map((h) => ({ date: h.date, name: h.name, source: h.source, confirmed: h.confirmed })),
        },
      }),
    onSuccess: (saved, c) => {
      if (c.added !== undefined) {
        setDay(null);
        setName('');
        onTyping(false);
      }
      onSaved(saved, c.notice);
    },
  });
  const imported = useMutation({
    mutationFn: (jalaliYear: number) => call('importHolidays', { path: { id: calendar.id }, body: { jalaliYear } }),
    // What was added is said beside the button (below), not in a passing notice.
    onSuccess: (r) => onSaved(r.calendar, ''),
  });
  const busy = save.isPending || imported.isPending;
  const change = (c: Change) => {
    imported.reset();
    save.mutate(c);
  };
  const replace = (h: Holiday, next: Holiday) => holidays.map((x) => (sameHoliday(x, h) ? next : x));

  // The server's messages about the holiday being added show under its fields; others on top.
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const addedAt = save.variables?.added;
  const mine = addedAt === undefined ? {} : fieldsUnder(fields, `holidays.${addedAt}`);
  // A message about the new holiday's name, or about the whole of it ("in the list twice").
  const nameError = mine.name ?? mine[''];
  const shownKeys = addedAt === undefined ? [] : Object.keys(fields).filter((k) => k.startsWith(`holidays.${addedAt}`));
  const canAdd = !!day && !!name.trim() && !busy;
  const add = () => {
    if (!canAdd) return;
    const list = sortHolidays([...holidays, { date: day, name: name.trim(), source: 'manual', confirmed: true }]);
    // The new one sorts after an equal one already there (the sort is stable): the last match.
    const added = list.findLastIndex((h) => h.date === day && h.name === name.trim() && h.source === 'manual');
    change({ list, added, notice: t('admin.calendars.holidayAdded', { name: isolate(name.trim()) }) });
  };
  const unconfirmed = holidays.filter((h) => !h.confirmed).length;

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t('admin.calendars.holidaysHint')}
      </Typography>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
        aria-label={t('admin.calendars.addHoliday')}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}
      >
        <Box sx={{ width: { xs: '100%', sm: 200 } }}>
          <DateField
            label={t('admin.calendars.holidayDate')}
            value={day}
            onChange={(v) => {
              setDay(v);
              onTyping(!!v || !!name.trim());
            }}
            error={'date' in mine}
            helperText={mine.date}
          />
        </Box>
        <TextField
          size="small"
          label={t('admin.calendars.holidayName')}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            onTyping(!!day || !!e.target.value.trim());
          }}
          error={!!nameError}
          helperText={nameError}
          sx={{ flex: '1 1 200px', minWidth: 0 }}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'holiday-name' } }}
        />
        <Button type="submit" variant="outlined" startIcon={<Add />} disabled={!canAdd} data-testid="holiday-add">
          {t('admin.calendars.addHoliday')}
        </Button>
      </Box>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={t('admin.calendars.importYear')}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
          sx={{ minWidth: 140 }}
        >
          {years.map((y) => (
            <MenuItem key={y} value={y}>
              {f.digits(y)}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          startIcon={<CloudDownloadOutlined />}
          loading={imported.isPending}
          disabled={busy && !imported.isPending}
          onClick={() => {
            save.reset();
            imported.mutate(year);
          }}
          data-testid="holiday-import"
        >
          {t('admin.calendars.importOfficial')}
        </Button>
      </Stack>
      {imported.isSuccess && (
        <Alert severity={imported.data.added ? 'success' : 'info'} role="status" data-testid="holiday-import-result">
          {imported.data.added
            ? t('admin.calendars.imported', {
                count: imported.data.added,
                n: f.number(imported.data.added),
                year: f.digits(imported.variables),
              })
            : t('admin.calendars.importedNone', { year: f.digits(imported.variables) })}
        </Alert>
      )}
      <FormError error={imported.error} />
      <FormError error={save.error} shown={shownKeys} />
      {unconfirmed > 0 && (
        <Alert severity="warning" data-testid="holiday-unconfirmed-count">
          {t('admin.calendars.unconfirmedCount', { count: unconfirmed, n: f.number(unconfirmed) })}
        </Alert>
      )}
      {holidays.length === 0 ? (
        <EmptyState title={t('admin.calendars.noHolidays')} hint={t('admin.calendars.noHolidaysHint')} />
      ) : (
        <HolidayList
          holidays={holidays}
          busy={busy}
          onConfirm={(h) =>
            change({
              list: replace(h, { ...h, confirmed: true }),
              notice: t('admin.calendars.holidayConfirmed', { name: isolate(h.name) }),
            })
          }
          onMove={(h, n) => {
            const date = addDays(h.date, n);
            change({
              list: sortHolidays(replace(h, { ...h, date })),
              notice: t('admin.calendars.holidayMoved', {
                name: isolate(h.name),
                date: f.day(date, { weekday: 'long', day: 'numeric', month: 'long' }),
              }),
            });
          }}
          onRemove={setRemoving}
        />
      )}
      <ConfirmDelete
        name={removing?.name ?? null}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const h = removing!;
          const saved = await call('updateCalendar', {
            path: { id: calendar.id },
            body: { holidays: holidays.filter((x) => !sameHoliday(x, h)) },
          });
          onSaved(saved, t('admin.calendars.holidayRemoved', { name: isolate(h.name) }));
        }}
      />
    </Stack>
  );
}
