import type { ReactNode } from 'react';
import { Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import WarningAmber from '@mui/icons-material/WarningAmber';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { isolate, UserText } from '../../../ui/UserText';
import { CrudTable, type Column } from '../CrudTable';
import { yearOf, type Holiday } from './model';

const holidayId = (h: Holiday) => `${h.date} ${h.name}`;

/** One action of a holiday row: an icon button with its tooltip (the name of the action and the holiday). */
function RowAction({
  ariaLabel,
  tip,
  icon,
  onClick,
  disabled,
  testId,
}: {
  ariaLabel: string;
  tip: string;
  icon: ReactNode;
  onClick: () => void;
  disabled: boolean;
  testId: string;
}) {
  // While a save is on its way the buttons do nothing (aria-disabled: they keep focus and tooltip).
  return (
    <Tooltip title={tip}>
      <IconButton
        size="small"
        aria-label={ariaLabel}
        aria-disabled={disabled || undefined}
        onClick={disabled ? undefined : onClick}
        data-testid={testId}
        sx={disabled ? { opacity: 0.5 } : undefined}
      >
        {icon}
      </IconButton>
    </Tooltip>
  );
}

/**
 * A calendar's holidays in date order, one table for each year of the interface's calendar
 * (Jalali in Persian, Gregorian in English): the day with its weekday, the name, where it comes
 * from, and — for a lunar holiday not confirmed yet — a warning with "confirm" and "a day
 * earlier / later". Every action is applied by the caller (a save of the whole list).
 */
export function HolidayList({
  holidays,
  busy,
  onConfirm,
  onMove,
  onRemove,
}: {
  holidays: Holiday[];
  busy: boolean;
  onConfirm: (h: Holiday) => void;
  onMove: (h: Holiday, days: number) => void;
  onRemove: (h: Holiday) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const groups = new Map<number, Holiday[]>();
  for (const h of holidays) {
    const y = yearOf(h.date, f.lang);
    groups.set(y, [...(groups.get(y) ?? []), h]);
  }
  const columns: Column<Holiday>[] = [
    {
      key: 'date',
      header: t('admin.calendars.holidayDate'),
      render: (h) => (
        <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>
          {f.day(h.date, { weekday: 'long', day: 'numeric', month: 'long' })}
        </Typography>
      ),
    },
    { key: 'name', header: t('admin.calendars.holidayName'), render: (h) => <UserText>{h.name}</UserText> },
    {
      key: 'source',
      header: t('admin.calendars.holidaySource'),
      render: (h) => (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Chip size="small" variant="outlined" label={t(`admin.calendars.source.${h.source}`)} />
          {!h.confirmed && (
            <Chip
              size="small"
              color="warning"
              icon={<WarningAmber />}
              label={t('admin.calendars.unconfirmed')}
              data-testid="holiday-unconfirmed"
            />
          )}
        </Stack>
      ),
    },
  ];
  const actions = (h: Holiday) => {
    const name = isolate(h.name);
    const id = holidayId(h);
    return (
      <>
        {!h.confirmed && (
          <>
            <RowAction
              ariaLabel={t('admin.calendars.confirmHoliday', { name: h.name })}
              tip={t('admin.calendars.confirmHoliday', { name })}
              icon={<CheckCircleOutline fontSize="small" color={busy ? 'disabled' : 'success'} />}
              onClick={() => onConfirm(h)}
              disabled={busy}
              testId={`holiday-confirm-${id}`}
            />
            <RowAction
              ariaLabel={t('admin.calendars.dayEarlier', { name: h.name })}
              tip={t('admin.calendars.dayEarlier', { name })}
              icon={<ArrowUpward fontSize="small" />}
              onClick={() => onMove(h, -1)}
              disabled={busy}
              testId={`holiday-earlier-${id}`}
            />
            <RowAction
              ariaLabel={t('admin.calendars.dayLater', { name: h.name })}
              tip={t('admin.calendars.dayLater', { name })}
              icon={<ArrowDownward fontSize="small" />}
              onClick={() => onMove(h, 1)}
              disabled={busy}
              testId={`holiday-later-${id}`}
            />
          </>
        )}
        <RowAction
          ariaLabel={t('admin.calendars.removeHoliday', { name: h.name })}
          tip={t('admin.calendars.removeHoliday', { name })}
          icon={<DeleteOutline fontSize="small" />}
          onClick={() => onRemove(h)}
          disabled={busy}
          testId={`holiday-remove-${id}`}
        />
      </>
    );
  };
  return (
    <Stack spacing={2}>
      {[...groups].map(([year, list]) => {
        const title = t('admin.calendars.holidaysOfYear', { year: f.digits(year) });
        return (
          <Stack key={year} spacing={1} component="section" aria-label={title} data-testid={`holidays-${year}`}>
            <Typography variant="subtitle2" component="h4">
              {title}
            </Typography>
            <CrudTable
              rows={list}
              columns={columns}
              getId={holidayId}
              rowName={(h) => h.name}
              caption={title}
              extraActions={actions}
            />
          </Stack>
        );
      })}
    </Stack>
  );
}
