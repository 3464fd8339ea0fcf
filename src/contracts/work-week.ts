/**
 * The working week of a business calendar (K2), without zod: the server's arithmetic, the API
 * contract and the web app's week editor share these.
 */
export const WEEKDAYS = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];
/** Local wall-clock "HH:MM" start (inclusive) and end (exclusive); the end may be "24:00". */
export type TTimeWindow = [string, string];
export type TWeekWindows = Record<TWeekday, TTimeWindow[]>;

/** The Iranian working week: Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off. */
export const IRANIAN_WEEK: Readonly<TWeekWindows> = Object.freeze({
  sat: [['08:00', '16:00']],
  sun: [['08:00', '16:00']],
  mon: [['08:00', '16:00']],
  tue: [['08:00', '16:00']],
  wed: [['08:00', '16:00']],
  thu: [['08:00', '12:00']],
  fri: [],
} satisfies TWeekWindows);
