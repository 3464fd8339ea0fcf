/**
 * Iran's official public holidays for one Jalali (Solar Hijri) year, for the business calendar.
 *
 * Solar holidays are exact: the Jalali calendar comes from ICU's `persian` calendar (shipped in
 * Node's full ICU), not from date-fns-jalali, which is a devDependency of the web app and is not
 * installed beside the server in production. The tests hold ICU against date-fns-jalali.
 *
 * Lunar holidays can only be estimated ahead of time: Iran fixes each Hijri month by sighting the
 * crescent, and the official calendar is published shortly before the year begins. The estimate
 * is ICU's `islamic-umalqura` calendar (Saudi Arabia's tabular one, maintained in ICU and updated
 * with Node); Iran's sighting usually agrees with it or falls a day later. Lunar entries therefore
 * come out `confirmed: false`, and an admin confirms them or moves them a day.
 */

export interface OfficialHoliday {
  /** Gregorian 'YYYY-MM-DD': the civil day in Iran. */
  date: string;
  /** Jalali 'YYYY/MM/DD' with ASCII digits. */
  jalaliDate: string;
  name: { fa: string; en: string };
  /** fixed: a solar Jalali date, exact; lunar: a Hijri date, estimated. */
  source: 'fixed' | 'lunar';
  /** Fixed holidays are certain; lunar ones wait for an admin against the official calendar. */
  confirmed: boolean;
}

interface HolidayRule {
  month: number;
  day: number;
  fa: string;
  en: string;
}

/**
 * Persian names as the official calendar writes them, with Persian ی and ک: text copied from
 * Arabic sources often carries ي/ك, which look the same but break search and comparison.
 */
const FIXED: readonly HolidayRule[] = [
  { month: 1, day: 1, fa: 'جشن نوروز/جشن سال نو', en: 'Nowruz (New Year)' },
  { month: 1, day: 2, fa: 'عید نوروز', en: 'Nowruz holiday' },
  { month: 1, day: 3, fa: 'عید نوروز', en: 'Nowruz holiday' },
  { month: 1, day: 4, fa: 'عید نوروز', en: 'Nowruz holiday' },
  { month: 1, day: 12, fa: 'روز جمهوری اسلامی ایران', en: 'Islamic Republic Day' },
  { month: 1, day: 13, fa: 'جشن سیزده به در', en: 'Sizdah Bedar (Nature Day)' },
  { month: 3, day: 14, fa: 'رحلت حضرت امام خمینی', en: 'Demise of Imam Khomeini' },
  { month: 3, day: 15, fa: 'قیام ۱۵ خرداد', en: 'Uprising of 15 Khordad' },
  { month: 11, day: 22, fa: 'پیروزی انقلاب اسلامی', en: 'Victory of the Islamic Revolution' },
  { month: 12, day: 29, fa: 'روز ملی شدن صنعت نفت ایران', en: 'Oil Nationalisation Day' },
];

/** Day 30 of Safar stands for "the last day of Safar" (see lunarMatches). */
const LUNAR: readonly HolidayRule[] = [
  { month: 1, day: 9, fa: 'تاسوعای حسینی', en: 'Tasua' },
  { month: 1, day: 10, fa: 'عاشورای حسینی', en: 'Ashura' },
  { month: 2, day: 20, fa: 'اربعین حسینی', en: 'Arbaeen' },
  {
    month: 2,
    day: 28,
    fa: 'رحلت رسول اکرم؛ شهادت امام حسن مجتبی (ع)',
    en: 'Demise of the Prophet Muhammad; martyrdom of Imam Hasan',
  },
  { month: 2, day: 30, fa: 'شهادت امام رضا (ع)', en: 'Martyrdom of Imam Reza' },
  { month: 3, day: 8, fa: 'شهادت امام حسن عسکری (ع)', en: 'Martyrdom of Imam Hasan al-Askari' },
  {
    month: 3,
    day: 17,
    fa: 'میلاد رسول اکرم و امام جعفر صادق (ع)',
    en: 'Birthday of the Prophet Muhammad and Imam Jafar al-Sadiq',
  },
  { month: 6, day: 3, fa: 'شهادت حضرت فاطمه زهرا (س)', en: 'Martyrdom of Fatimah al-Zahra' },
  { month: 7, day: 13, fa: 'ولادت امام علی (ع) و روز پدر', en: "Birthday of Imam Ali (Father's Day)" },
  { month: 7, day: 27, fa: 'مبعث رسول اکرم (ص)', en: "Mab'ath (the Prophet's mission)" },
  { month: 8, day: 15, fa: 'ولادت حضرت قائم (عج) و جشن نیمه شعبان', en: "Birthday of Imam Mahdi (mid-Sha'ban)" },
  { month: 9, day: 21, fa: 'شهادت حضرت علی (ع)', en: 'Martyrdom of Imam Ali' },
  { month: 10, day: 1, fa: 'عید سعید فطر', en: 'Eid al-Fitr' },
  { month: 10, day: 2, fa: 'تعطیل به مناسبت عید سعید فطر', en: 'Eid al-Fitr holiday' },
  { month: 10, day: 25, fa: 'شهادت امام جعفر صادق (ع)', en: 'Martyrdom of Imam Jafar al-Sadiq' },
  { month: 12, day: 10, fa: 'عید سعید قربان', en: 'Eid al-Adha' },
  { month: 12, day: 18, fa: 'عید سعید غدیر خم', en: 'Eid al-Ghadir' },
];

/**
 * ICU's Umm al-Qura table covers 1300–1600 AH (1882–2174); beyond it ICU silently falls back to
 * the arithmetic Islamic calendar. The bounds keep every estimate on the table with room to spare.
 */
export const MIN_JALALI_YEAR = 1300;
export const MAX_JALALI_YEAR = 1500;

const DAY_MS = 86_400_000;

// A civil day is handled as its noon in UTC, so neither a zone's offset nor DST can move it.
// Made once per calendar and zone (a formatter holds ICU memory outside V8's heap; see dayIn).
const calendarFormats = new Map<string, Intl.DateTimeFormat>();
function calendarFormat(calendar: string, timeZone = 'UTC'): Intl.DateTimeFormat {
  const key = `${calendar} ${timeZone}`;
  let format = calendarFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    if (calendarFormats.size >= 1000) calendarFormats.clear();
    calendarFormats.set(key, format);
  }
  return format;
}
const persian = calendarFormat('persian');
const umalqura = calendarFormat('islamic-umalqura');

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

function partsOf(format: Intl.DateTimeFormat, instant: Date): CalendarDay {
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function checkYear(jalaliYear: number): void {
  if (!Number.isInteger(jalaliYear) || jalaliYear < MIN_JALALI_YEAR || jalaliYear > MAX_JALALI_YEAR) {
    throw new RangeError(`Jalali year must be an integer from ${MIN_JALALI_YEAR} to ${MAX_JALALI_YEAR}`);
  }
}

/** Noon UTC of 1 Farvardin: the March equinox puts it on 19–22 March of Gregorian year + 621. */
function firstOfFarvardin(jalaliYear: number): Date {
  for (let day = 18; day <= 23; day++) {
    const noon = new Date(Date.UTC(jalaliYear + 621, 2, day, 12));
    const j = partsOf(persian, noon);
    if (j.year === jalaliYear && j.month === 1 && j.day === 1) return noon;
  }
  throw new Error(`ICU has no 1 Farvardin ${jalaliYear} near the March equinox`);
}

/**
 * The lunar rules that fall on `hijri`. Imam Reza's day is the last of Safar, the 30th or the 29th
 * when Safar is short: the official calendar follows the month, not the number.
 */
function lunarMatches(hijri: CalendarDay, next: CalendarDay): HolidayRule[] {
  const lastOfShortSafar = hijri.month === 2 && hijri.day === 29 && next.month === 3;
  return LUNAR.filter(
    (rule) =>
      rule.month === hijri.month &&
      (rule.day === hijri.day || (lastOfShortSafar && rule.month === 2 && rule.day === 30)),
  );
}

/** A year's list, computed once: walking a year through ICU takes ~9 ms, and every new workspace asks for two. */
const byYear = new Map<number, readonly OfficialHoliday[]>();

/**
 * The official holidays of a Jalali year, sorted by date (solar before lunar on the same day).
 *
 * Two holidays on one day stay two entries, each with its own name (in 1404 the estimate puts
 * 21 Ramadan on 1 Farvardin): the calendar shows both, and a consumer counting days off takes
 * distinct dates. A Hijri date may occur twice in one Jalali year, since the lunar year is about
 * 11 days shorter; every occurrence is listed.
 */
export function officialHolidays(jalaliYear: number): OfficialHoliday[] {
  checkYear(jalaliYear);
  let list = byYear.get(jalaliYear);
  if (!list) byYear.set(jalaliYear, (list = computeHolidays(jalaliYear)));
  return list.map((h) => ({ ...h, name: { ...h.name } }));
}

function computeHolidays(jalaliYear: number): OfficialHoliday[] {
  const holidays: OfficialHoliday[] = [];
  const start = firstOfFarvardin(jalaliYear).getTime();
  let hijri = partsOf(umalqura, new Date(start));
  for (let noon = start; ; noon += DAY_MS) {
    const jalali = partsOf(persian, new Date(noon));
    if (jalali.year !== jalaliYear) break;
    const next = partsOf(umalqura, new Date(noon + DAY_MS));
    const date = new Date(noon).toISOString().slice(0, 10);
    const jalaliDate = `${jalali.year}/${pad(jalali.month)}/${pad(jalali.day)}`;
    for (const rule of FIXED) {
      if (rule.month === jalali.month && rule.day === jalali.day) {
        holidays.push({ date, jalaliDate, name: { fa: rule.fa, en: rule.en }, source: 'fixed', confirmed: true });
      }
    }
    for (const rule of lunarMatches(hijri, next)) {
      holidays.push({ date, jalaliDate, name: { fa: rule.fa, en: rule.en }, source: 'lunar', confirmed: false });
    }
    hijri = next;
  }
  return holidays;
}

/** The Jalali year of an instant as the calendar on a wall in `timeZone` reads it. */
export function jalaliYearOf(date: Date, timeZone = 'Asia/Tehran'): number {
  return partsOf(calendarFormat('persian', timeZone), date).year;
}
