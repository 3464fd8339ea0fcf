import type { Locator, Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import { checkA11y } from './browser';
import { faDigits, shotViewport, tr, type Lang } from './flows';

/** What the date-picker test (test/e2e/date-picker.test.ts) measures a calendar and its field with. */

export type Screen = 'desktop' | 'phone';
export const SIZES: Record<Screen, { width: number; height: number }> = {
  desktop: { width: 1366, height: 800 },
  phone: { width: 390, height: 844 },
};
export const WEEKDAYS: Record<Lang, string[]> = {
  fa: ['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج'],
  en: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
};
export const MONTHS: Record<Lang, string[]> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
export const ARABIC = '٠١٢٣٤٥٦٧٨٩';
export const arabicDigits = (s: string) => s.replace(/\d/g, (d) => ARABIC[Number(d)]);
/** Filters go through the address (a router transition): on a busy machine the field may follow late. */
export const SLOW = { timeout: 15_000 };
export const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Tehran (the browser's zone in these tests), YYYY-MM-DD. */
export const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The Jalali year, month and day of a Gregorian day. */
export function jalali(day: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(`${day}T12:00:00Z`));
  const part = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return [part('year'), part('month'), part('day')];
}

/** The Gregorian day (YYYY-MM-DD) of a Jalali day near today. */
export function gregorianOf(jy: number, jm: number, jd: number): string {
  for (let n = -800; n <= 800; n++) {
    const day = addDays(TODAY, n);
    const [y, m, d] = jalali(day);
    if (y === jy && m === jm && d === jd) return day;
  }
  throw new Error(`no day ${jy}/${jm}/${jd} near ${TODAY}`);
}

/** A day as the field shows it in `lang`. */
export function shown(day: string, lang: Lang, persianDigits = true): string {
  if (lang === 'en') return day.replace(/-/g, '/');
  const [y, m, d] = jalali(day);
  const text = `${y}/${pad(m)}/${pad(d)}`;
  return persianDigits ? faDigits(text) : text;
}

/** The month the calendar opens on (the month of `day`), as its header shows it. */
export function monthTitle(day: string, lang: Lang, persianDigits = true): string {
  if (lang === 'en') return `${MONTHS.en[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
  const [y, m] = jalali(day);
  return `${MONTHS.fa[m - 1]} ${persianDigits ? faDigits(y) : y}`;
}

/** The form control (label, input, buttons, helper text) of the date field labelled `label`. */
export function dateField(scope: Page | Locator, label: string) {
  const input = scope.getByRole('textbox', { name: label, exact: true });
  // The inner locator of `has` is relative to the control: start it from the page.
  const page = 'page' in scope ? scope.page() : scope;
  const control = scope.locator('.MuiFormControl-root').filter({
    has: page.getByRole('textbox', { name: label, exact: true }),
  });
  return { input, control };
}

/** Opens the calendar of a field with its button; returns the picker (a popup on desktop, a dialog on a phone). */
export async function openCalendar(page: Page, lang: Lang, control: Locator): Promise<Locator> {
  // "Choose date", or "Choose date; chosen date: …" when the field has one.
  const button = control.getByRole('button', { name: new RegExp(`^${tr(lang, 'datePicker.open')}`) });
  expect(await button.getAttribute('aria-haspopup')).toBe('dialog');
  await button.click();
  const picker = page
    .getByRole('dialog')
    .filter({ has: page.getByRole('grid') })
    .last();
  await picker.getByRole('grid').waitFor();
  // Wait for the month's days (the calendar slides them in).
  await picker.locator('button[role="gridcell"]').first().waitFor();
  return picker;
}

/** Checks what the open calendar shows and says, runs axe on it and takes its screenshot. */
export async function checkCalendar(
  page: Page,
  picker: Locator,
  lang: Lang,
  opts: { month: string; persianDigits?: boolean; shot?: string },
): Promise<void> {
  const persianDigits = lang === 'fa' && opts.persianDigits !== false;
  expect(await picker.getByRole('columnheader').allInnerTexts()).toEqual(WEEKDAYS[lang]);
  const title = monthTitle(opts.month, lang, persianDigits);
  expect((await picker.locator('.MuiPickersCalendarHeader-label').innerText()).trim()).toBe(title);
  // The grid of days is named by that month.
  expect(await picker.getByRole('grid', { name: title, exact: true }).count()).toBe(1);
  const days = (await picker.locator('button[role="gridcell"]').allInnerTexts()).map((d) => d.trim());
  expect(days.length).toBeGreaterThanOrEqual(29);
  expect(
    days.every((d) => (persianDigits ? /^[۰-۹]{1,2}$/ : /^[0-9]{1,2}$/).test(d)),
    days.join(' '),
  ).toBe(true);
  expect(days[0]).toBe(persianDigits ? '۱' : '1');
  // Each day button names the whole day for screen readers.
  const dayLabel = await picker.locator('button[role="gridcell"]').first().getAttribute('aria-label');
  expect(dayLabel).toContain(title.split(' ')[0]);
  // Translated labels: previous/next month, the year view's switch.
  for (const key of ['datePicker.previousMonth', 'datePicker.nextMonth', 'datePicker.chooseYear'])
    expect(await picker.getByRole('button', { name: tr(lang, key), exact: true }).count(), key).toBe(1);
  if (opts.shot) await shotViewport(page, opts.shot);
  await checkA11y(page, `open date picker (${lang})`);
}

/** Clicks day `n` of the month shown; on a phone confirms with the dialog's OK. */
export async function pickDay(
  page: Page,
  picker: Locator,
  lang: Lang,
  n: number,
  screen: Screen,
  persianDigits = true,
) {
  const text = lang === 'fa' && persianDigits ? faDigits(n) : String(n);
  await picker
    .locator('button[role="gridcell"]')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .click();
  if (screen === 'phone') await picker.getByRole('button', { name: tr(lang, 'common.confirm'), exact: true }).click();
  await picker.waitFor({ state: 'detached' });
}

/** Replaces the field's text by typing `text` key by key, then leaves the field. */
export async function typeInto(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(text, { delay: 10 });
  await input.press('Tab');
}

/** The next list request whose query matches `check`. */
export function listRequest(page: Page, check: (q: URLSearchParams) => boolean): Promise<Request> {
  return page.waitForRequest((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/v1/tickets' && r.method() === 'GET' && check(url.searchParams);
  });
}
