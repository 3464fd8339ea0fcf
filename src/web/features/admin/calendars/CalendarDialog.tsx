import { useState, type ReactNode } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
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
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { autoDirInput, isolate, UserText } from '../../../ui/UserText';
import { Notice, useNotice } from '../Notice';
import type { Department } from '../types';
import { DueCheck } from './DueCheck';
import { HolidaysSection } from './HolidaysSection';
import { copyWeek, IRANIAN_WEEK, normaliseWeek, zoneOptions, type Calendar, type Week } from './model';
import { WeekEditor } from './WeekEditor';

interface Draft {
  name: string;
  timezone: string;
  departmentId: string;
  week: Week;
}

const toDraft = (c: Calendar | null): Draft => ({
  name: c?.name ?? '',
  timezone: c?.timezone ?? 'Asia/Tehran',
  departmentId: c?.departmentId ?? '',
  week: copyWeek(c?.week ?? IRANIAN_WEEK),
});
/** A draft as it would be saved, to tell whether anything changed. */
const sig = (d: Draft) => JSON.stringify([d.name.trim(), d.timezone.trim(), d.departmentId, normaliseWeek(d.week)]);

/** One titled part of the editor (a level-3 heading under the dialog's title). */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`calendar-${id}`} sx={{ p: { xs: 1.5, sm: 2 } }}>
      <Typography variant="h6" component="h3" id={`calendar-${id}`} sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/**
 * K2: a business calendar's editor — its name, time zone and department, the working week (saved
 * with Save, and not thrown away without asking), its holidays (each change saved at once) and a
 * check of the arithmetic. A new calendar gets holidays and the check once it is saved.
 */
export function CalendarDialog({
  calendar,
  departments,
  takenDepartments,
  onClose,
  onChanged,
}: {
  calendar: Calendar | null;
  departments: Department[];
  /** Departments that have a calendar of their own already (another one than this). */
  takenDepartments: Set<string>;
  onClose: () => void;
  onChanged: (calendar: Calendar) => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const n = useNotice();
  const [current, setCurrent] = useState<Calendar | null>(calendar);
  const [draft, setDraft] = useState<Draft>(() => toDraft(calendar));
  const [saved, setSaved] = useState(() => sig(toDraft(calendar)));
  const [typing, setTyping] = useState(false);
  const changed = sig(draft) !== saved;
  const guard = useDiscardGuard(onClose, { dirty: changed || typing });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        timezone: draft.timezone.trim(),
        departmentId: draft.departmentId || null,
        week: normaliseWeek(draft.week),
      };
      return current ? call('updateCalendar', { path: { id: current.id }, body }) : call('createCalendar', { body });
    },
    onSuccess: (result) => {
      const next = toDraft(result);
      n.ok(current ? t('admin.common.savedNotice') : t('admin.calendars.created'));
      setCurrent(result);
      setDraft(next);
      setSaved(sig(next));
      onChanged(result);
    },
  });
  const fe = fieldErrors(save.error);
  const shown = ['name', 'timezone', 'departmentId', ...Object.keys(fe.fields).filter((k) => k.startsWith('week'))];
  const zones = zoneOptions(draft.timezone);

  return (
    <>
      <Dialog
        open
        onClose={save.isPending ? undefined : guard.requestClose}
        fullScreen={phone}
        fullWidth
        maxWidth="lg"
        aria-labelledby="calendar-dialog-title"
        data-testid="calendar-dialog"
      >
        <DialogTitle id="calendar-dialog-title">
          {current ? t('admin.calendars.editTitle', { name: isolate(current.name) }) : t('admin.calendars.new')}
        </DialogTitle>
        <DialogContent dividers sx={{ px: { xs: 1.5, sm: 3 } }}>
          <Stack spacing={2}>
            <Stack
              component="form"
              id="calendar-form"
              noValidate
              spacing={2}
              onSubmit={(e) => {
                e.preventDefault();
                if (!save.isPending) save.mutate();
              }}
            >
              <FormError error={save.error} shown={shown} />
              <Section id="details" title={t('admin.calendars.details')}>
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' } }}>
                  <TextField
                    required
                    autoFocus={!current}
                    size="small"
                    label={t('common.name')}
                    value={draft.name}
                    onChange={(e) => set('name', e.target.value)}
                    {...fe.field('name')}
                    slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'calendar-name' } }}
                  />
                  <Autocomplete
                    freeSolo
                    disableClearable
                    options={zones}
                    value={draft.timezone}
                    inputValue={draft.timezone}
                    onInputChange={(_e, v) => set('timezone', v)}
                    onChange={(_e, v) => set('timezone', v ?? '')}
                    renderInput={(params) => (
                      <TextField
                        {...params}
                        size="small"
                        label={t('admin.calendars.timeZone')}
                        {...fe.field('timezone', t('admin.calendars.timeZoneHint'))}
                        slotProps={{
                          htmlInput: { ...params.inputProps, dir: 'ltr', 'data-testid': 'calendar-timezone' },
                        }}
                      />
                    )}
                  />
                  <TextField
                    select
                    size="small"
                    label={t('admin.calendars.department')}
                    value={draft.departmentId}
                    onChange={(e) => set('departmentId', e.target.value)}
                    {...fe.field('departmentId', t('admin.calendars.departmentHint'))}
                    slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                  >
                    <MenuItem value="">{t('admin.calendars.noDepartment')}</MenuItem>
                    {departments.map((d) => (
                      <MenuItem key={d.id} value={d.id} disabled={takenDepartments.has(d.id)}>
                        <UserText>{d.name}</UserText>
                      </MenuItem>
                    ))}
                  </TextField>
                </Box>
              </Section>
              <Section id="week" title={t('admin.calendars.workingHoursTitle')}>
                <WeekEditor week={draft.week} onChange={(w) => set('week', w)} fields={fe.fields} />
              </Section>
            </Stack>
            {current ? (
              <>
                <Section id="holidays" title={t('admin.calendars.holidaysTitle')}>
                  <HolidaysSection
                    calendar={current}
                    onTyping={setTyping}
                    onSaved={(c, notice) => {
                      setCurrent(c);
                      onChanged(c);
                      if (notice) n.ok(notice);
                    }}
                  />
                </Section>
                <Section id="check" title={t('admin.calendars.checkTitle')}>
                  <DueCheck calendar={current} unsaved={changed} />
                </Section>
              </>
            ) : (
              <Alert severity="info">{t('admin.calendars.saveFirst')}</Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          {changed && (
            <Typography variant="body2" color="text.secondary" role="status" sx={{ marginInlineEnd: 'auto', px: 1 }}>
              {t('admin.calendars.unsaved')}
            </Typography>
          )}
          <Button onClick={guard.requestClose} disabled={save.isPending} data-testid="calendar-close">
            {t('common.close')}
          </Button>
          <Button
            type="submit"
            form="calendar-form"
            variant="contained"
            loading={save.isPending}
            disabled={!!current && !changed}
            data-testid="calendar-save"
          >
            {t('common.save')}
          </Button>
        </DialogActions>
        <Notice notice={n.notice} onClose={n.clear} />
      </Dialog>
      {guard.confirm}
    </>
  );
}
