import { newDate } from 'date-fns-jalali';
import { describe, expect, it } from 'vitest';
import {
  jalaliYearOf,
  MAX_JALALI_YEAR,
  MIN_JALALI_YEAR,
  officialHolidays,
  type OfficialHoliday,
} from './iran-holidays';

const DAY_MS = 86_400_000;

/** date-fns-jalali builds the Date in the process's zone, so it is read back in that zone. */
function viaDateFnsJalali(year: number, month: number, day: number): string {
  const d = newDate(year, month - 1, day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The Jalali date ICU gives a Gregorian day, as 'Y/M/D' without padding. */
function viaIntlPersian(isoDay: string): string {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(`${isoDay}T12:00:00Z`));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('year')}/${part('month')}/${part('day')}`;
}

function hijriOf(isoDay: string): { month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(`${isoDay}T12:00:00Z`));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { month: part('month'), day: part('day') };
}

const addDays = (isoDay: string, n: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

const byName = (holidays: OfficialHoliday[], en: string) => holidays.filter((h) => h.name.en === en);
const fixedOf = (year: number) => officialHolidays(year).filter((h) => h.source === 'fixed');

describe('Jalali calendar: two independent conversions agree', () => {
  // 1403 is leap (30 Esfand), so 1404 starts a day later in March; 1408 follows the 5-year gap.
  const newYears: [number, string][] = [
    [1403, '2024-03-20'],
    [1404, '2025-03-21'],
    [1405, '2026-03-21'],
    [1408, '2029-03-20'],
  ];
  it.each(newYears)('1 Farvardin %i is %s', (year, gregorian) => {
    expect(viaDateFnsJalali(year, 1, 1)).toBe(gregorian);
    expect(viaIntlPersian(gregorian)).toBe(`${year}/1/1`);
    expect(officialHolidays(year)[0]).toMatchObject({ date: gregorian, jalaliDate: `${year}/01/01` });
  });

  it('every fixed holiday from 1395 to 1415 is where date-fns-jalali puts it', () => {
    for (let year = 1395; year <= 1415; year++) {
      for (const h of fixedOf(year)) {
        const [y, m, d] = h.jalaliDate.split('/').map(Number);
        expect(y).toBe(year);
        expect(h.date, `${h.jalaliDate} ${h.name.en}`).toBe(viaDateFnsJalali(y, m, d));
      }
    }
  });
});

describe('officialHolidays: fixed (solar) holidays', () => {
  const known: Record<number, string[]> = {
    1403: [
      '2024-03-20',
      '2024-03-21',
      '2024-03-22',
      '2024-03-23',
      '2024-03-31',
      '2024-04-01',
      '2024-06-03',
      '2024-06-04',
      '2025-02-10',
      '2025-03-19',
    ],
    1404: [
      '2025-03-21',
      '2025-03-22',
      '2025-03-23',
      '2025-03-24',
      '2025-04-01',
      '2025-04-02',
      '2025-06-04',
      '2025-06-05',
      '2026-02-11',
      '2026-03-20',
    ],
    1405: [
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-04-01',
      '2026-04-02',
      '2026-06-04',
      '2026-06-05',
      '2027-02-11',
      '2027-03-20',
    ],
  };
  it.each([1403, 1404, 1405])('%i: the ten solar holidays on their known days', (year) => {
    const fixed = fixedOf(year);
    expect(fixed.map((h) => h.date)).toEqual(known[year]);
    expect(fixed.map((h) => h.jalaliDate.slice(5))).toEqual([
      '01/01',
      '01/02',
      '01/03',
      '01/04',
      '01/12',
      '01/13',
      '03/14',
      '03/15',
      '11/22',
      '12/29',
    ]);
    expect(fixed.every((h) => h.confirmed)).toBe(true);
  });

  it('names the days as the official calendar does', () => {
    const names = fixedOf(1404).map((h) => h.name.fa);
    expect(names).toContain('جشن نوروز/جشن سال نو');
    expect(names).toContain('روز جمهوری اسلامی ایران');
    expect(names).toContain('جشن سیزده به در');
    expect(names).toContain('رحلت حضرت امام خمینی');
    expect(names).toContain('قیام ۱۵ خرداد');
    expect(names).toContain('پیروزی انقلاب اسلامی');
    expect(names).toContain('روز ملی شدن صنعت نفت ایران');
  });
});

describe('officialHolidays: shape of every year', () => {
  const years = Array.from({ length: 21 }, (_, i) => 1395 + i);

  it.each(years)('%i: sorted, inside the year, lunar ones unconfirmed, each lunar day once or twice', (year) => {
    const holidays = officialHolidays(year);
    const first = viaDateFnsJalali(year, 1, 1);
    const next = viaDateFnsJalali(year + 1, 1, 1);
    const dates = holidays.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    for (const h of holidays) {
      expect(h.date >= first && h.date < next, `${h.date} ${h.name.en}`).toBe(true);
      expect(h.jalaliDate).toMatch(new RegExp(`^${year}/\\d\\d/\\d\\d$`));
      expect(viaIntlPersian(h.date)).toBe(h.jalaliDate.replace(/\/0/g, '/'));
      expect(h.confirmed).toBe(h.source === 'fixed');
    }
    // 10 solar + 17 lunar; the lunar year is 11 days short, so one or two Hijri dates recur.
    expect(holidays.filter((h) => h.source === 'fixed')).toHaveLength(10);
    const lunar = holidays.filter((h) => h.source === 'lunar');
    const perName = new Map<string, string[]>();
    for (const h of lunar) perName.set(h.name.en, [...(perName.get(h.name.en) ?? []), h.date]);
    expect(perName.size).toBe(17);
    for (const [name, days] of perName) {
      expect(days.length, name).toBeLessThanOrEqual(2);
      if (days.length === 2) expect(daysBetween(days[0], days[1]), name).toBeGreaterThanOrEqual(353);
    }
    expect(holidays.length).toBeGreaterThanOrEqual(27);
    expect(holidays.length).toBeLessThanOrEqual(29);
  });

  it('lists a Hijri date twice when it recurs: 21 Ramadan in 1404', () => {
    expect(byName(officialHolidays(1404), 'Martyrdom of Imam Ali').map((h) => h.date)).toEqual([
      '2025-03-21',
      '2026-03-10',
    ]);
  });

  it('keeps two holidays on one day as two entries', () => {
    const nowruz = officialHolidays(1404).filter((h) => h.date === '2025-03-21');
    expect(nowruz.map((h) => [h.source, h.name.fa])).toEqual([
      ['fixed', 'جشن نوروز/جشن سال نو'],
      ['lunar', 'شهادت حضرت علی (ع)'],
    ]);
  });

  it('puts Imam Reza on the last day of Safar, the 29th when Safar is short', () => {
    for (const year of years) {
      for (const h of byName(officialHolidays(year), 'Martyrdom of Imam Reza')) {
        expect([29, 30]).toContain(hijriOf(h.date).day);
        expect(hijriOf(addDays(h.date, 1))).toEqual({ month: 3, day: 1 });
      }
    }
    // Safar 1447 has 29 days in Umm al-Qura.
    const h1404 = officialHolidays(1404);
    expect(byName(h1404, 'Martyrdom of Imam Reza')[0].date).toBe('2025-08-23');
    expect(hijriOf('2025-08-23')).toEqual({ month: 2, day: 29 });
  });

  it('refuses years it cannot estimate', () => {
    expect(() => officialHolidays(1404.5)).toThrow(RangeError);
    expect(() => officialHolidays(MIN_JALALI_YEAR - 1)).toThrow(RangeError);
    expect(() => officialHolidays(MAX_JALALI_YEAR + 1)).toThrow(RangeError);
    expect(() => officialHolidays(MAX_JALALI_YEAR)).not.toThrow();
  });
});

describe('officialHolidays: lunar estimates against the official calendar', () => {
  // Days Iran actually observed (announced by sighting); the estimate may miss by one day.
  const official: [number, string, string][] = [
    [1403, 'Eid al-Fitr', '2024-04-10'],
    [1403, 'Eid al-Adha', '2024-06-17'],
    [1403, 'Eid al-Ghadir', '2024-06-25'],
    [1403, 'Tasua', '2024-07-15'],
    [1403, 'Ashura', '2024-07-16'],
    [1404, 'Eid al-Fitr', '2025-03-31'],
    [1404, 'Eid al-Adha', '2025-06-06'],
    [1404, 'Eid al-Ghadir', '2025-06-14'],
    [1404, 'Tasua', '2025-07-05'],
    [1404, 'Ashura', '2025-07-06'],
  ];
  it.each(official)('%i %s (officially %s) is estimated within one day', (year, name, day) => {
    const nearest = Math.min(...byName(officialHolidays(year), name).map((h) => Math.abs(daysBetween(h.date, day))));
    expect(nearest).toBeLessThanOrEqual(1);
  });

  it('Umm al-Qura puts Tasua and Ashura 1404 a day before Iran did', () => {
    const h = officialHolidays(1404);
    expect(byName(h, 'Tasua').map((x) => [x.date, x.jalaliDate])).toEqual([['2025-07-04', '1404/04/13']]);
    expect(byName(h, 'Ashura').map((x) => [x.date, x.jalaliDate])).toEqual([['2025-07-05', '1404/04/14']]);
  });

  it('uses the official Persian names', () => {
    const names = officialHolidays(1404).map((h) => h.name.fa);
    for (const fa of [
      'تاسوعای حسینی',
      'عاشورای حسینی',
      'اربعین حسینی',
      'رحلت رسول اکرم؛ شهادت امام حسن مجتبی (ع)',
      'شهادت امام رضا (ع)',
      'عید سعید فطر',
      'تعطیل به مناسبت عید سعید فطر',
      'عید سعید قربان',
      'عید سعید غدیر خم',
    ]) {
      expect(names).toContain(fa);
    }
  });
});

describe('names', () => {
  it('use Persian yeh and kaf and Persian digits, never the Arabic letters', () => {
    for (const year of [1403, 1404, 1405]) {
      for (const { name } of officialHolidays(year)) {
        expect(name.fa, name.en).not.toMatch(/[\u064A\u0643\u0660-\u0669]/);
        expect(name.fa).toMatch(/^[\u0600-\u06FF\u200C ()/؛]+$/);
        expect(name.en).toMatch(/^[\x20-\x7E]+$/);
      }
    }
  });
});

describe('jalaliYearOf', () => {
  it('turns the year at 1 Farvardin', () => {
    expect(jalaliYearOf(new Date('2025-03-20T12:00:00Z'))).toBe(1403);
    expect(jalaliYearOf(new Date('2025-03-21T12:00:00Z'))).toBe(1404);
    expect(jalaliYearOf(new Date('2024-03-19T12:00:00Z'))).toBe(1402);
    expect(jalaliYearOf(new Date('2024-03-20T12:00:00Z'))).toBe(1403);
  });

  it('turns at midnight in Tehran (UTC+3:30), not at midnight UTC', () => {
    expect(jalaliYearOf(new Date('2025-03-20T20:29:59Z'))).toBe(1403);
    expect(jalaliYearOf(new Date('2025-03-20T20:30:00Z'))).toBe(1404);
    expect(jalaliYearOf(new Date('2025-03-20T20:30:00Z'), 'UTC')).toBe(1403);
    expect(jalaliYearOf(new Date('2025-03-21T00:00:00Z'), 'UTC')).toBe(1404);
  });

  it('agrees with officialHolidays on the first day', () => {
    for (const year of [1403, 1404, 1405, 1408]) {
      const first = officialHolidays(year)[0].date;
      expect(jalaliYearOf(new Date(`${first}T00:00:00+03:30`))).toBe(year);
      expect(jalaliYearOf(new Date(new Date(`${first}T00:00:00+03:30`).getTime() - 1))).toBe(year - 1);
    }
  });
});
