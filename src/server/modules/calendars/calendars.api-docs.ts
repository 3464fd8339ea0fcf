import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the calendars module's operations (platform/http/api-docs.ts). */
export const calendarsApiDocs: ApiDocs = {
  'GET /calendars': {
    operationId: 'listCalendars',
    summary: 'List business calendars',
    description:
      'Staff. The workspace’s business calendars, the default first, each with its working week (local wall-clock windows per weekday in its time zone) and its holidays (fixed Jalali, estimated lunar awaiting confirmation, or manual). Paged.',
  },
  'POST /calendars': {
    operationId: 'createCalendar',
    summary: 'Create a business calendar',
    description:
      'Needs settings.manage. timezone defaults to Asia/Tehran and week to the Iranian week (Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off). Windows are "HH:MM" pairs, start before end ("24:00" allowed as an end), in order and not overlapping; a week without any working time is refused. departmentId gives the calendar to a department (one calendar per department). The workspace’s first calendar is its default; isDefault moves the default here.',
    example: {
      name: 'تقویم واحد فناوری اطلاعات',
      timezone: 'Asia/Tehran',
      week: {
        sat: [['08:00', '16:00']],
        sun: [['08:00', '16:00']],
        mon: [['08:00', '16:00']],
        tue: [['08:00', '16:00']],
        wed: [['08:00', '16:00']],
        thu: [['08:00', '12:00']],
        fri: [],
      },
      holidays: [{ date: '2026-03-21', name: 'جشن نوروز', source: 'fixed', confirmed: true }],
    },
  },
  'GET /calendars/:id': {
    operationId: 'getCalendar',
    summary: 'Get a business calendar',
    description: 'Staff. One calendar with its week and holidays (404 for another workspace’s).',
  },
  'PATCH /calendars/:id': {
    operationId: 'updateCalendar',
    summary: 'Change a business calendar',
    description:
      'Needs settings.manage. Any of name, timezone, week, holidays (the whole list: those left out are removed — this is how a lunar holiday is confirmed or moved a day), departmentId, isDefault: true.',
  },
  'DELETE /calendars/:id': {
    operationId: 'deleteCalendar',
    summary: 'Delete a business calendar',
    description:
      'Needs settings.manage. The default calendar cannot be deleted (409): make another one the default first.',
  },
  'POST /calendars/:id/holidays/import': {
    operationId: 'importHolidays',
    summary: 'Add a Jalali year’s official holidays',
    description:
      'Needs settings.manage. Adds the official holidays of Iran for jalaliYear: the solar ones computed exactly (confirmed), the lunar ones estimated from the Umm al-Qura calendar of ICU (unconfirmed, for an admin to confirm or move). Holidays already there on the same day with the same name are kept as they are; answers how many were added and the calendar.',
    example: { jalaliYear: 1405 },
  },
  'POST /calendars/:id/due': {
    operationId: 'calendarDue',
    summary: 'Add working minutes to an instant',
    description:
      'Staff. When workingMinutes of the calendar’s working time have passed since from (an instant with its offset): counting starts at from inside a working window, else at the next window’s start; holidays are skipped; an amount that runs out at a window’s end is due at that end. The arithmetic every workflow timer and SLA uses.',
    example: { from: '2026-03-17T14:00:00+03:30', workingMinutes: 4320 },
  },
};
