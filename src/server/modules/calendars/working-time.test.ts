import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  DEFAULT_IRAN_WEEK,
  isWorkingInstant,
  nextWorkingStart,
  workingMinutesBetween,
  type TimeWindow,
  type Weekday,
  type WorkCalendar,
} from './working-time';

/**
 * Hand-computed cases. Tehran is UTC+03:30 all year since 2022; the default week is Sat–Wed
 * 08:00–16:00 (480 min), Thu 08:00–12:00 (240 min), Fri off: 2,640 min a week.
 * Weekdays used below: 2025-03-13 Thu, 03-14 Fri, 03-15 Sat … 03-19 Wed, 03-20 Thu, 03-21 Fri;
 * 2025-03-31 Mon, 04-01 Tue, 04-02 Wed, 04-03 Thu; 2025-06-03 Tue; 2025-12-31 Wed;
 * 2026-03-19 Thu, 03-20 Fri, 03-21 Sat … 03-25 Wed.
 */
const TEHRAN_HOLIDAYS = [
  '2025-03-19', // 29 Esfand 1403 (Wed), oil nationalisation
  '2025-03-21', // 1–4 Farvardin 1404, Nowruz (Fri–Mon)
  '2025-03-22',
  '2025-03-23',
  '2025-03-24',
  '2025-04-01', // 12 Farvardin 1404 (Tue)
  '2025-04-02', // 13 Farvardin 1404 (Wed)
  '2025-06-04', // 14 Khordad 1404 (Wed)
  '2025-06-05', // 15 Khordad 1404 (Thu)
  '2026-03-20', // 29 Esfand 1404 (Fri; 1404 has no 30 Esfand)
  '2026-03-21', // 1–4 Farvardin 1405, Nowruz (Sat–Tue)
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
  '2026-04-01', // 12 Farvardin 1405 (Wed)
  '2026-04-02', // 13 Farvardin 1405 (Thu)
];
const TEHRAN: WorkCalendar = { timezone: 'Asia/Tehran', week: DEFAULT_IRAN_WEEK, holidays: new Set(TEHRAN_HOLIDAYS) };

function week(windows: Partial<Record<Weekday, TimeWindow[]>>): Record<Weekday, TimeWindow[]> {
  return { sat: [], sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], ...windows };
}
const ALL_DAY: TimeWindow[] = [['00:00', '24:00']];
const OFFICE: TimeWindow[] = [['09:00', '17:00']];
const BERLIN_OFFICE: WorkCalendar = {
  timezone: 'Europe/Berlin',
  week: week({ mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE }),
  holidays: [],
};
const BERLIN_ALWAYS: WorkCalendar = {
  timezone: 'Europe/Berlin',
  week: week({ sat: ALL_DAY, sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY }),
  holidays: [],
};
/** Sunday 01:00–04:00 only: straddles both 2025 changes (30 Mar 02:00→03:00, 26 Oct 03:00→02:00). */
const BERLIN_NIGHT: WorkCalendar = {
  timezone: 'Europe/Berlin',
  week: week({ sun: [['01:00', '04:00']] }),
  holidays: [],
};
/** Sunday 02:30–05:00: starts inside the spring-forward gap. */
const BERLIN_GAP: WorkCalendar = { timezone: 'Europe/Berlin', week: week({ sun: [['02:30', '05:00']] }), holidays: [] };
const UTC_OFFICE: WorkCalendar = {
  timezone: 'UTC',
  week: week({ mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE }),
  holidays: ['2025-01-01'],
};
/** A night shift over midnight, Saturday 20:00–24:00 then Sunday 00:00–04:00 (2025-01-04 is a Saturday). */
const UTC_NIGHT: WorkCalendar = {
  timezone: 'UTC',
  week: week({ sat: [['20:00', '24:00']], sun: [['00:00', '04:00']] }),
  holidays: [],
};

type AddCase = [name: string, cal: WorkCalendar, from: string, minutes: number, expected: string];

const addCases: AddCase[] = [
  // Inside a window: 09:00 + 60 = 10:00.
  ['inside a window', TEHRAN, '2025-03-15T09:00:00+03:30', 60, '2025-03-15T10:00:00+03:30'],
  // Before opening: counting starts at 08:00; 08:00 + 30 = 08:30.
  ['before 08:00', TEHRAN, '2025-03-15T06:00:00+03:30', 30, '2025-03-15T08:30:00+03:30'],
  // After closing on Sat: nothing left that day; Sun 08:00 + 30 = 08:30.
  ['after 16:00', TEHRAN, '2025-03-15T17:00:00+03:30', 30, '2025-03-16T08:30:00+03:30'],
  // 15:00→16:00 is exactly 60: the answer is the window's end, not Sun 08:00.
  ['exactly to the window end', TEHRAN, '2025-03-15T15:00:00+03:30', 60, '2025-03-15T16:00:00+03:30'],
  // Sat 60 + Sun 480 = 540, ending exactly at Sun 16:00.
  ['exactly to the next day’s end', TEHRAN, '2025-03-15T15:00:00+03:30', 540, '2025-03-16T16:00:00+03:30'],
  // Thu 11:00→12:00 = 60, Fri off, Sat 08:00 + 60 = 09:00.
  ['Thursday half-day', TEHRAN, '2025-03-13T11:00:00+03:30', 120, '2025-03-15T09:00:00+03:30'],
  // Thu 13:00 is after the half-day; Fri off; Sat 08:00 + 10 = 08:10.
  ['Thursday 13:00', TEHRAN, '2025-03-13T13:00:00+03:30', 10, '2025-03-15T08:10:00+03:30'],
  // Thu 08:00 + 240 = 12:00 exactly, the half-day's end.
  ['a whole Thursday', TEHRAN, '2025-03-13T08:00:00+03:30', 240, '2025-03-13T12:00:00+03:30'],
  // Fri is off: 0 minutes give the next start, Sat 08:00.
  ['0 minutes on a Friday', TEHRAN, '2025-03-14T10:00:00+03:30', 0, '2025-03-15T08:00:00+03:30'],
  // Fri off; Sat 08:00 + 480 = 16:00.
  ['from a Friday', TEHRAN, '2025-03-14T10:00:00+03:30', 480, '2025-03-15T16:00:00+03:30'],
  // 0 minutes inside a window: the instant itself, seconds kept.
  ['0 minutes inside', TEHRAN, '2025-03-16T10:17:42+03:30', 0, '2025-03-16T10:17:42+03:30'],
  // 16:00 is not working (ends are exclusive): 0 minutes give Mon 08:00.
  ['0 minutes at a window end', TEHRAN, '2025-03-16T16:00:00+03:30', 0, '2025-03-17T08:00:00+03:30'],
  // 08:00 is working: 0 minutes give 08:00.
  ['0 minutes at a window start', TEHRAN, '2025-03-17T08:00:00+03:30', 0, '2025-03-17T08:00:00+03:30'],
  // Tue 15:00→16:00 = 60; Wed 29 Esfand holiday; Thu 08:00 + 60 = 09:00.
  ['29 Esfand 1403', TEHRAN, '2025-03-18T15:00:00+03:30', 120, '2025-03-20T09:00:00+03:30'],
  // Jalali year end: Thu 30 Esfand 1403 11:00→12:00 = 60; Fri–Mon Nowruz 1404; Tue 08:00 + 60 = 09:00.
  ['30 Esfand 1403 → Nowruz 1404', TEHRAN, '2025-03-20T11:00:00+03:30', 120, '2025-03-25T09:00:00+03:30'],
  // Starting on a Nowruz holiday (Sun 3 Farvardin): next start Tue 08:00.
  ['0 minutes in Nowruz', TEHRAN, '2025-03-23T10:00:00+03:30', 0, '2025-03-25T08:00:00+03:30'],
  // Mon 12:00→16:00 = 240; Tue 12 and Wed 13 Farvardin off; Thu 08:00 + 240 = 12:00 (the half-day's end).
  ['12–13 Farvardin 1404', TEHRAN, '2025-03-31T12:00:00+03:30', 480, '2025-04-03T12:00:00+03:30'],
  // Thu 28 Esfand 1404 10:00→12:00 = 120, rem 180; Fri 29 Esfand; Sat–Tue Nowruz 1405; Wed 08:00 + 180 = 11:00.
  ['29 Esfand 1404 → Nowruz 1405', TEHRAN, '2026-03-19T10:00:00+03:30', 300, '2026-03-25T11:00:00+03:30'],
  // Wed 31 Dec 15:00→16:00 = 60; Thu 1 Jan 08:00 + 60 = 09:00.
  ['Gregorian year end', TEHRAN, '2025-12-31T15:00:00+03:30', 120, '2026-01-01T09:00:00+03:30'],
  // Wed 60 + Thu 1 Jan 240 = 300, rem 60; Fri off; Sat 3 Jan 08:00 + 60 = 09:00.
  ['Gregorian year end and a Friday', TEHRAN, '2025-12-31T15:00:00+03:30', 360, '2026-01-03T09:00:00+03:30'],
  // 72 working hours = 4,320: Tue 14:00→16:00 = 120 (rem 4,200); Wed 14, Thu 15 Khordad off; Fri off;
  // Sat–Wed 7–11 Jun 5×480 = 2,400 (rem 1,800); Thu 12 Jun 240 (rem 1,560); Fri off;
  // Sat–Mon 14–16 Jun 3×480 = 1,440 (rem 120); Tue 17 Jun 08:00 + 120 = 10:00.
  ['72 working hours', TEHRAN, '2025-06-03T14:00:00+03:30', 4_320, '2025-06-17T10:00:00+03:30'],
  // 100,000 from Sat 4 Jan 2025 08:00: 37 weeks (to Sat 20 Sep) = 37×2,640 = 97,680 less the holidays
  // inside them (Wed 19 Mar, Sat–Mon 22–24 Mar, Tue 1, Wed 2 Apr, Wed 4 Jun: 7×480; Thu 5 Jun: 240)
  // = 97,680 − 3,600 = 94,080 (rem 5,920); two more weeks 2×2,640 (rem 640, to Sat 4 Oct);
  // Sat 4 Oct 480 (rem 160); Sun 5 Oct 08:00 + 160 = 10:40.
  ['100,000 minutes', TEHRAN, '2025-01-04T08:00:00+03:30', 100_000, '2025-10-05T10:40:00+03:30'],
  // Berlin office, spring: Fri 28 Mar 16:00→17:00 CET = 60; weekend (clocks go forward Sun);
  // Mon 31 Mar 09:00 CEST + 60 = 10:00 CEST (08:00Z).
  ['Berlin across spring-forward', BERLIN_OFFICE, '2025-03-28T16:00:00+01:00', 120, '2025-03-31T10:00:00+02:00'],
  // Berlin office, autumn: Fri 24 Oct 16:30→17:00 CEST = 30; Mon 27 Oct 09:00 CET + 30 = 09:30 CET.
  ['Berlin across fall-back', BERLIN_OFFICE, '2025-10-24T16:30:00+02:00', 60, '2025-10-27T09:30:00+01:00'],
  // Sun 30 Mar 01:00→02:00 CET = 60; 02:00–03:00 does not exist; 03:00 CEST + 30 = 03:30 CEST.
  ['Berlin window over the gap', BERLIN_NIGHT, '2025-03-30T01:00:00+01:00', 90, '2025-03-30T03:30:00+02:00'],
  // Sun 26 Oct 01:00→03:00 CEST = 120; clocks back to 02:00 CET, still inside 01:00–04:00; 02:00 + 30 = 02:30 CET.
  ['Berlin window over the overlap', BERLIN_NIGHT, '2025-10-26T01:00:00+02:00', 150, '2025-10-26T02:30:00+01:00'],
  // 02:30 falls in the gap: the window opens at the instant after it, 03:00 CEST (01:00Z).
  ['Berlin window starting in the gap', BERLIN_GAP, '2025-03-30T00:00:00+01:00', 0, '2025-03-30T03:00:00+02:00'],
  // Tue 31 Dec 16:00→17:00 = 60; Wed 1 Jan holiday; Thu 2 Jan 09:00 + 60 = 10:00Z.
  ['UTC year end', UTC_OFFICE, '2024-12-31T16:00:00Z', 120, '2025-01-02T10:00:00Z'],
  // Sat 23:00→24:00 = 60 exactly: the window's end is Sun 00:00, the same instant as the next start.
  ['UTC to a 24:00 end', UTC_NIGHT, '2025-01-04T23:00:00Z', 60, '2025-01-05T00:00:00Z'],
  // Sat 23:00→24:00 = 60, then Sun 00:00 + 60 = 01:00.
  ['UTC over midnight', UTC_NIGHT, '2025-01-04T23:00:00Z', 120, '2025-01-05T01:00:00Z'],
  // Always open: 10,000 minutes later, 6 d 22 h 40 min (Berlin has no change in May).
  ['always open', BERLIN_ALWAYS, '2025-05-01T12:00:00+02:00', 10_000, '2025-05-08T10:40:00+02:00'],
];

describe('addWorkingMinutes', () => {
  it.each(addCases)('%s', (_name, cal, from, minutes, expected) => {
    expect(addWorkingMinutes(cal, new Date(from), minutes).toISOString()).toBe(new Date(expected).toISOString());
  });
});

type BetweenCase = [name: string, cal: WorkCalendar, from: string, to: string, expected: number];

const betweenCases: BetweenCase[] = [
  // Sat 07:00→17:00 covers the whole 08:00–16:00 window: 480.
  ['a whole day', TEHRAN, '2025-03-15T07:00:00+03:30', '2025-03-15T17:00:00+03:30', 480],
  // Thu 11:00→12:00 = 60, Fri 0, Sat 08:00→09:00 = 60: 120.
  ['over a Friday', TEHRAN, '2025-03-13T11:00:00+03:30', '2025-03-15T09:00:00+03:30', 120],
  // Tue 480 + Wed (29 Esfand) 0 + Thu 240 + Fri–Mon (Nowruz) 0 = 720.
  ['over Nowruz 1404', TEHRAN, '2025-03-18T08:00:00+03:30', '2025-03-25T08:00:00+03:30', 720],
  // Sat 3 – Fri 9 May 2025, no holidays: one week, 2,640.
  ['a plain week', TEHRAN, '2025-05-03T00:00:00+03:30', '2025-05-10T00:00:00+03:30', 2_640],
  // The 72-hour case read back.
  ['72 working hours back', TEHRAN, '2025-06-03T14:00:00+03:30', '2025-06-17T10:00:00+03:30', 4_320],
  // 08:00:30→08:02:00 is 90 s: 1.5 minutes (fractional only off minute boundaries).
  ['seconds', TEHRAN, '2025-03-15T08:00:30+03:30', '2025-03-15T08:02:00+03:30', 1.5],
  // to before from: 0.
  ['reversed', TEHRAN, '2025-03-15T12:00:00+03:30', '2025-03-15T10:00:00+03:30', 0],
  // Berlin office Fri 28 Mar 480 + Mon 31 Mar 480 = 960 (the lost hour is on Sunday).
  ['Berlin office over spring-forward', BERLIN_OFFICE, '2025-03-28T09:00:00+01:00', '2025-03-31T17:00:00+02:00', 960],
  // Sun 30 Mar 2025 lasts 23 hours in Berlin: 1,380.
  ['Berlin short day', BERLIN_ALWAYS, '2025-03-30T00:00:00+01:00', '2025-03-31T00:00:00+02:00', 1_380],
  // Sun 26 Oct 2025 lasts 25 hours: 1,500.
  ['Berlin long day', BERLIN_ALWAYS, '2025-10-26T00:00:00+02:00', '2025-10-27T00:00:00+01:00', 1_500],
  // 01:00–04:00 on 30 Mar: 01:00–02:00 CET (60) + 03:00–04:00 CEST (60) = 120.
  ['Berlin night window, spring', BERLIN_NIGHT, '2025-03-30T00:00:00+01:00', '2025-03-30T12:00:00+02:00', 120],
  // 01:00–04:00 on 26 Oct: 01:00–03:00 CEST (120) + 02:00–04:00 CET (120) = 240.
  ['Berlin night window, autumn', BERLIN_NIGHT, '2025-10-26T00:00:00+02:00', '2025-10-26T12:00:00+01:00', 240],
  // Night shift Sat 20:00–24:00 (240) + Sun 00:00–04:00 (240) = 480.
  ['UTC night shift', UTC_NIGHT, '2025-01-04T00:00:00Z', '2025-01-06T00:00:00Z', 480],
];

describe('workingMinutesBetween', () => {
  it.each(betweenCases)('%s', (_name, cal, from, to, expected) => {
    expect(workingMinutesBetween(cal, new Date(from), new Date(to))).toBe(expected);
  });
});

describe('isWorkingInstant and nextWorkingStart', () => {
  it('tells working instants, ends exclusive', () => {
    const working = (iso: string) => isWorkingInstant(TEHRAN, new Date(iso));
    expect(working('2025-03-15T08:00:00+03:30')).toBe(true); // Sat, the window's first instant
    expect(working('2025-03-15T15:59:59.999+03:30')).toBe(true); // its last ms
    expect(working('2025-03-15T16:00:00+03:30')).toBe(false); // the end is exclusive
    expect(working('2025-03-13T11:59:00+03:30')).toBe(true); // Thu, inside the half-day
    expect(working('2025-03-13T12:00:00+03:30')).toBe(false); // Thu, after it
    expect(working('2025-03-14T10:00:00+03:30')).toBe(false); // Fri
    expect(working('2025-03-22T10:00:00+03:30')).toBe(false); // Sat, but Nowruz
    // 01:00Z is 03:00 CEST, the first instant after the gap; 00:59Z is 01:59 CET, before 02:30.
    expect(isWorkingInstant(BERLIN_GAP, new Date('2025-03-30T01:00:00Z'))).toBe(true);
    expect(isWorkingInstant(BERLIN_GAP, new Date('2025-03-30T00:59:00Z'))).toBe(false);
  });

  it('gives the instant itself when working, else the next start', () => {
    const inside = new Date('2025-03-15T10:00:00+03:30');
    expect(nextWorkingStart(TEHRAN, inside).getTime()).toBe(inside.getTime());
    // Thu 30 Esfand 13:00: Fri and Nowruz Sat–Mon off, Tue 25 Mar 08:00.
    expect(nextWorkingStart(TEHRAN, new Date('2025-03-20T13:00:00+03:30')).toISOString()).toBe(
      new Date('2025-03-25T08:00:00+03:30').toISOString(),
    );
  });
});

describe('validation', () => {
  const withDay = (day: Weekday, windows: unknown): WorkCalendar => ({
    timezone: 'Asia/Tehran',
    week: { ...DEFAULT_IRAN_WEEK, [day]: windows } as Record<Weekday, TimeWindow[]>,
    holidays: [],
  });
  const from = new Date('2025-03-15T09:00:00+03:30');

  it('refuses malformed windows with a RangeError naming the weekday', () => {
    const bad: [Weekday, unknown][] = [
      ['sat', [['16:00', '08:00']]], // ends before it starts
      ['sun', [['08:00', '08:00']]], // empty
      ['mon', [['08:00', '24:30']]], // past the end of the day
      ['tue', [['24:00', '24:00']]], // 24:00 only as an end
      ['wed', [['8:00', '16:00']]], // not HH:MM
      [
        'thu',
        [
          ['12:00', '16:00'],
          ['08:00', '10:00'],
        ],
      ], // unsorted
      [
        'fri',
        [
          ['08:00', '12:00'],
          ['11:00', '16:00'],
        ],
      ], // overlapping
      ['sat', [['08:00']]], // not a pair
      ['sun', 'all day'], // not an array
    ];
    for (const [day, windows] of bad) {
      expect(() => addWorkingMinutes(withDay(day, windows), from, 10)).toThrow(RangeError);
      expect(() => addWorkingMinutes(withDay(day, windows), from, 10)).toThrow(day);
    }
    // Touching windows are fine: 08:00–12:00 then 12:00–16:00 is one 8-hour day.
    const split = withDay('sat', [
      ['08:00', '12:00'],
      ['12:00', '16:00'],
    ]);
    expect(
      workingMinutesBetween(split, new Date('2025-03-15T00:00:00+03:30'), new Date('2025-03-16T00:00:00+03:30')),
    ).toBe(480);
  });

  it('refuses bad minutes, dates, zones and holidays', () => {
    for (const minutes of [-1, 1.5, NaN, Infinity]) {
      expect(() => addWorkingMinutes(TEHRAN, from, minutes)).toThrow(RangeError);
    }
    expect(() => addWorkingMinutes(TEHRAN, new Date('nonsense'), 10)).toThrow(RangeError);
    expect(() => addWorkingMinutes({ ...TEHRAN, timezone: 'Asia/Nowhere' }, from, 10)).toThrow(RangeError);
    expect(() => addWorkingMinutes({ ...TEHRAN, holidays: ['2025-02-30'] }, from, 10)).toThrow(RangeError);
    expect(() => addWorkingMinutes({ ...TEHRAN, holidays: ['1404-01-01x'] }, from, 10)).toThrow(RangeError);
  });

  it('throws rather than loops when nothing is ever worked', () => {
    const empty: WorkCalendar = { timezone: 'UTC', week: week({}), holidays: [] };
    expect(() => addWorkingMinutes(empty, from, 10)).toThrow(RangeError);
    expect(() => nextWorkingStart(empty, from)).toThrow(RangeError);
    expect(workingMinutesBetween(empty, from, new Date('2026-01-01T00:00:00Z'))).toBe(0);
    // Every day a holiday for 4 years: no working minute within ~3 years.
    const days: string[] = [];
    for (let d = Date.UTC(2025, 0, 1); d < Date.UTC(2029, 0, 1); d += 86_400_000) {
      days.push(new Date(d).toISOString().slice(0, 10));
    }
    const allHolidays: WorkCalendar = { ...TEHRAN, holidays: days };
    expect(() => addWorkingMinutes(allHolidays, new Date('2025-01-01T00:00:00Z'), 0)).toThrow(/3 years/);
  });
});

describe('cost', () => {
  it('adds 100,000 working minutes in well under a millisecond a call', () => {
    const start = Date.parse('2025-01-04T08:00:00+03:30');
    const run = () => {
      for (let i = 0; i < 1_000; i++) addWorkingMinutes(TEHRAN, new Date(start + i * 3_607_000), 100_000);
    };
    run(); // warms the JIT and the zone's offset cache
    run();
    const began = performance.now();
    run();
    const elapsed = performance.now() - began;
    console.log(
      `addWorkingMinutes(+100,000): ${elapsed.toFixed(1)} µs a call (1,000 calls in ${elapsed.toFixed(1)} ms)`,
    );
    expect(elapsed).toBeLessThan(50);
  });
});
