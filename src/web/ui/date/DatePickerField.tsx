import { createContext, useContext, useEffect, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import Clear from '@mui/icons-material/Clear';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { DatePicker, type DatePickerFieldProps } from '@mui/x-date-pickers/DatePicker';
import { usePickerContext } from '@mui/x-date-pickers/hooks';
import type { PickersInputLocaleText } from '@mui/x-date-pickers/locales';
import { faIR as faJalali } from 'date-fns-jalali/locale';
import { enUS } from 'date-fns/locale';
import type { Day } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { useDisplayPrefs } from '../../app/prefs';
import { formatDate, formatDayNumeric, todayIn } from '../format';
import type { DateFieldProps } from '../DateField';
import { FORMATS, Gregorian, JalaliLatinDigits, JalaliPersianDigits } from './adapters';
import { dateOfDay, dayOfDate, looksComplete, readDayText } from './day-text';

/**
 * The date field of the app (see ../DateField.tsx, which loads this file lazily): MUI X's date
 * picker with a Jalali calendar in Persian (Saturday first, Persian month names, the person's
 * digits) and a Gregorian one in English (Sunday first), and a text field of our own that shows
 * the day as ۱۴۰۵/۰۹/۱۱ or 2026/12/02 and takes it typed with any digits.
 */

interface Setup extends DateFieldProps {
  lang: string;
  persianDigits: boolean;
  timeZone: string;
}

const SetupContext = createContext<Setup | null>(null);

const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The picker's own texts (buttons, screen-reader labels), from the app's translation files. */
function pickerTexts(t: (k: string, o?: Record<string, unknown>) => string): PickersInputLocaleText {
  return {
    previousMonth: t('datePicker.previousMonth'),
    nextMonth: t('datePicker.nextMonth'),
    openPreviousView: t('datePicker.previousView'),
    openNextView: t('datePicker.nextView'),
    calendarViewSwitchingButtonAriaLabel: (view) =>
      view === 'year' ? t('datePicker.backToDays') : t('datePicker.chooseYear'),
    cancelButtonLabel: t('common.cancel'),
    clearButtonLabel: t('datePicker.clear'),
    okButtonLabel: t('common.confirm'),
    todayButtonLabel: t('datePicker.today'),
    datePickerToolbarTitle: t('datePicker.title'),
    openDatePickerDialogue: (date) => (date ? t('datePicker.openWithDate', { date }) : t('datePicker.open')),
    fieldClearLabel: t('datePicker.clear'),
    dateTableLabel: t('datePicker.days'),
    year: t('datePicker.year'),
    month: t('datePicker.month'),
    day: t('datePicker.day'),
    empty: t('datePicker.empty'),
  };
}

/**
 * The picker's field: free typing (applied once the text looks finished, or when the field is
 * left or Enter is pressed), a button that clears it and one that opens the calendar.
 */
function TypedDayField(props: DatePickerFieldProps & { id?: string; inputRef?: Ref<HTMLInputElement> }) {
  const setup = useContext(SetupContext)!;
  const picker = usePickerContext();
  const { t } = useTranslation();
  const { lang, persianDigits, min, max } = setup;
  const show = (day: string) => formatDayNumeric(day, lang, persianDigits);
  const day = validDate(picker.value) ? dayOfDate(picker.value) : null;
  const shown = day ? show(day) : '';
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  // An example of the format: today, or the nearest day the field takes.
  const today = todayIn(setup.timeZone);
  const example = show(min && today < min ? min : max && today > max ? max : today);
  // Follow the value when it changes elsewhere: the calendar, "clear filters", the address.
  useEffect(() => {
    setText(shown);
    setProblem(null);
  }, [shown]);

  /** Applies the text: refuses (with a reason) what is not a day or is out of range. */
  function apply(value: string, finished: boolean): boolean {
    const read = readDayText(value, lang);
    if (read === undefined) {
      if (finished) setProblem(t('datePicker.unreadable', { example }));
      return false;
    }
    if (read && min && read < min) {
      setProblem(setup.minMessage ?? t('datePicker.notBefore', { date: show(min) }));
      return false;
    }
    if (read && max && read > max) {
      setProblem(setup.maxMessage ?? t('datePicker.notAfter', { date: show(max) }));
      return false;
    }
    setProblem(null);
    if (read !== day) picker.setValue(dateOfDay(read), { source: 'field', validationError: null });
    else setText(shown);
    return true;
  }

  function onKeyDown(e: KeyboardEvent) {
    // Enter applies a changed text first (and does not submit the form with the old day).
    if (e.key === 'Enter' && text !== shown) {
      e.preventDefault();
      apply(text, true);
    }
  }

  // A day already set that breaks the range (an old address, the other end changed): say so.
  const outOfRange =
    (day && min && day < min && (setup.minMessage ?? t('datePicker.notBefore', { date: show(min) }))) ||
    (day && max && day > max && (setup.maxMessage ?? t('datePicker.notAfter', { date: show(max) }))) ||
    null;
  const message = (setup.error && setup.helperText) || problem || outOfRange || setup.helperText;
  const locked = picker.disabled || picker.readOnly;

  return (
    <TextField
      id={props.id}
      inputRef={props.inputRef}
      ref={picker.rootRef}
      label={setup.label}
      name={picker.name}
      size={setup.size ?? 'small'}
      fullWidth
      value={text}
      placeholder={t('datePicker.example', { example })}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        setProblem(null);
        if (!v.trim()) apply(v, false);
        else if (looksComplete(v)) apply(v, true);
      }}
      onBlur={() => text !== shown && apply(text, true)}
      onKeyDown={onKeyDown}
      error={!!setup.error || !!problem || !!outOfRange}
      helperText={message || undefined}
      focused={picker.open || undefined}
      disabled={picker.disabled}
      className={picker.rootClassName}
      sx={picker.rootSx}
      slotProps={{
        htmlInput: { inputMode: 'numeric', autoComplete: 'off', spellCheck: false, readOnly: picker.readOnly },
        input: {
          ref: picker.triggerRef,
          endAdornment: (
            <InputAdornment position="end" sx={{ ml: 0 }}>
              {text && !locked && (
                <IconButton
                  size="small"
                  aria-label={t('datePicker.clear')}
                  onClick={() => {
                    setText('');
                    apply('', true);
                  }}
                >
                  <Clear fontSize="small" />
                </IconButton>
              )}
              <IconButton
                edge="end"
                size={setup.size === 'medium' ? 'medium' : 'small'}
                aria-label={shown ? t('datePicker.openWithDate', { date: shown }) : t('datePicker.open')}
                aria-haspopup="dialog"
                aria-expanded={picker.open}
                disabled={locked}
                onClick={() => picker.setOpen((open) => !open)}
              >
                <CalendarMonthOutlined fontSize="small" />
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

/** MUI X date picker: Jalali (date-fns-jalali) in Persian, Gregorian (date-fns) in English. */
export default function DatePickerField(props: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const { persianDigits, timeZone } = useDisplayPrefs();
  const lang = i18n.language;
  const fa = lang === 'fa';
  const texts = useMemo(() => pickerTexts(t), [t]);
  const setup = useMemo(() => ({ ...props, lang, persianDigits, timeZone }), [props, lang, persianDigits, timeZone]);
  const adapter = fa ? (persianDigits ? JalaliPersianDigits : JalaliLatinDigits) : Gregorian;
  const value = useMemo(() => dateOfDay(props.value), [props.value]);
  const minDate = useMemo(() => dateOfDay(props.min), [props.min]);
  const maxDate = useMemo(() => dateOfDay(props.max), [props.max]);
  return (
    <SetupContext.Provider value={setup}>
      <LocalizationProvider
        // A new adapter (another calendar or other digits) needs a new picker.
        key={`${lang}-${persianDigits}`}
        dateAdapter={adapter}
        adapterLocale={fa ? faJalali : enUS}
        dateFormats={FORMATS}
        localeText={texts}
      >
        <DatePicker
          label={props.label}
          value={value}
          onChange={(d) => props.onChange(validDate(d) ? dayOfDate(d) : null)}
          minDate={minDate ?? undefined}
          maxDate={maxDate ?? undefined}
          // The narrow weekday names: «ش ی د س چ پ ج» (Saturday first) and S M T W T F S.
          dayOfWeekFormatter={(d) => (fa ? faJalali : enUS).localize.day(d.getDay() as Day, { width: 'narrow' })}
          slots={{ field: TypedDayField }}
          slotProps={{
            day: (owner) => ({
              // The whole day for screen readers ("Wednesday 11 Azar 1405"), not just "11".
              'aria-label': formatDate(owner.day, lang, persianDigits, {
                weekday: 'long',
                day: 'numeric',
                month: 'long',
                year: 'numeric',
              }),
            }),
          }}
        />
      </LocalizationProvider>
    </SetupContext.Provider>
  );
}
