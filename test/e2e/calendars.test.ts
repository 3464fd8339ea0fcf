import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverFa from '../../src/server/i18n/fa.json';
import { launchBrowser, shot, type Person } from './helpers/browser';
import { addDays, dateField, jalali, shown, TODAY, typeInto } from './helpers/date-picker';
import { faDigits, overflow, setLang, settled, shotViewport, softA11y, tr, webEnv } from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * K2, business calendars in the browser: an admin keeps the default calendar in Persian — the
 * Iranian week (Thursday moved to 08:00–13:00; a window ending before it starts is refused with
 * the server's message and nothing saved), the holidays (a lunar one confirmed, another moved a
 * day, a manual one added, next Jalali year imported with its count shown), a check of the
 * deadline arithmetic — and finds it all after a reload, in the page and through the API; the
 * editor asks before throwing away changes; a second calendar is made the default and deleted.
 * Screenshots in Persian at 1366×800 and 390×844 and in English; axe on each.
 */

type Window = [string, string];
type Week = Record<'sat' | 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri', Window[]>;
interface Holiday {
  date: string;
  name: string;
  source: 'fixed' | 'lunar' | 'manual';
  confirmed: boolean;
}
interface Calendar {
  id: string;
  name: string;
  timezone: string;
  week: Week;
  holidays: Holiday[];
  isDefault: boolean;
  departmentId: string | null;
}

const IRANIAN_WEEK: Week = {
  sat: [['08:00', '16:00']],
  sun: [['08:00', '16:00']],
  mon: [['08:00', '16:00']],
  tue: [['08:00', '16:00']],
  wed: [['08:00', '16:00']],
  thu: [['08:00', '12:00']],
  fri: [],
};
const rowOf = (scope: Page | Locator, h: Pick<Holiday, 'date' | 'name'>) =>
  scope.getByTestId(`admin-row-${h.date} ${h.name}`);
const isCalendarCall = (path: string, method: string) => (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === `/api/v1${path}` && r.request().method() === method;
/** The width a scrolling box would need beyond what it shows (0 when it fits). */
const sideways = (box: Locator) =>
  box.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth);

describe('business calendars', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  const calendars = async () => (await api.get<{ items: Calendar[] }>('/calendars')).items;
  const defaultCalendar = async () => (await calendars()).find((c) => c.isDefault)!;

  async function admin(screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const p = await signedInPerson(browser, server.base, 'admin', screen);
    people.push(p);
    return p.page;
  }
  async function openPage(page: Page, lang: 'fa' | 'en' = 'fa'): Promise<void> {
    await page.goto('/admin/calendars');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.calendars.title'), exact: true }).waitFor();
    await settled(page);
  }
  async function openEditor(page: Page, id: string): Promise<Locator> {
    await page.getByTestId(`calendar-edit-${id}`).click();
    const dialog = page.getByTestId('calendar-dialog');
    await dialog.getByTestId('week-sat').waitFor();
    await expect.poll(() => dialog.locator('.MuiSkeleton-root').count()).toBe(0);
    return dialog;
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('the admin keeps the default calendar in Persian: week, holidays, import and a check, all there after a reload', async () => {
    const cal = await defaultCalendar();
    expect(cal.week).toEqual(IRANIAN_WEEK);
    const [thisYear] = jalali(TODAY);
    const next = thisYear + 1;
    // The workspace starts with this year's and next year's holidays: next year's are taken out
    // here, so that importing next year adds them back (and says how many).
    const nextYears = cal.holidays.filter((h) => jalali(h.date)[0] === next);
    expect(nextYears.length).toBeGreaterThan(10);
    await api.patch(`/calendars/${cal.id}`, { holidays: cal.holidays.filter((h) => jalali(h.date)[0] !== next) });
    const lunar = cal.holidays.filter((h) => h.source === 'lunar' && !h.confirmed && jalali(h.date)[0] === thisYear);
    expect(lunar.length).toBeGreaterThan(2);
    const [toConfirm, toMove] = lunar;
    const moved = { ...toMove, date: addDays(toMove.date, 1) };
    // A day of this Jalali year without a holiday, for the manual one (before today near the year's end).
    const step = jalali(addDays(TODAY, 30))[0] === thisYear ? 1 : -1;
    let manualDay = addDays(TODAY, 9 * step);
    while (cal.holidays.some((h) => h.date === manualDay)) manualDay = addDays(manualDay, step);
    const manual = { date: manualDay, name: 'روز آزمون تقویم' };
    // A Tuesday to count from.
    let tuesday = addDays(TODAY, 1);
    while (new Date(`${tuesday}T12:00:00Z`).getUTCDay() !== 2) tuesday = addDays(tuesday, 1);

    const page = await admin();
    await openPage(page);
    // The navigation has the page and marks it.
    expect(await page.locator('nav a[href="/admin/calendars"]').getAttribute('aria-current')).toBe('page');
    const row = page.getByTestId(`admin-row-${cal.id}`);
    expect(await row.textContent()).toContain(cal.name);
    expect(await row.getByTestId('calendar-default').textContent()).toBe(tr('fa', 'admin.calendars.default'));
    // The default cannot be deleted: the button says why and opens nothing.
    const del = page.getByTestId(`calendar-delete-${cal.id}`);
    expect(await del.getAttribute('aria-disabled')).toBe('true');
    await del.hover();
    await page.getByRole('tooltip', { name: tr('fa', 'admin.calendars.cannotDeleteDefault') }).waitFor();
    // (aria-disabled, not disabled: it stays focusable for its tooltip; a click does nothing.)
    await del.click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.mouse.move(0, 0);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await a11y.check(page, 'calendars list (fa, desktop)');
    await shot(page, 'calendars-list-fa-desktop');

    const dialog = await openEditor(page, cal.id);
    // The Iranian week, Saturday first, with Persian digits.
    expect((await dialog.getByTestId('week-sat').textContent())?.startsWith('شنبه')).toBe(true);
    for (const d of ['sat', 'sun', 'mon', 'tue', 'wed'] as const) {
      expect(await dialog.getByTestId(`week-${d}-0-start`).inputValue()).toBe('۰۸:۰۰');
      expect(await dialog.getByTestId(`week-${d}-0-end`).inputValue()).toBe('۱۶:۰۰');
    }
    expect(await dialog.getByTestId('week-thu-0-end').inputValue()).toBe('۱۲:۰۰');
    expect(await dialog.getByTestId('week-fri-off').textContent()).toBe(tr('fa', 'admin.calendars.dayOff'));
    // The holidays, with the unconfirmed lunar ones marked.
    const unconfirmedRow = rowOf(dialog, toConfirm);
    expect(await unconfirmedRow.getByTestId('holiday-unconfirmed').textContent()).toBe(
      tr('fa', 'admin.calendars.unconfirmed'),
    );
    expect(await unconfirmedRow.textContent()).toContain(tr('fa', 'admin.calendars.source.lunar'));
    await a11y.check(page, 'calendar editor (fa, desktop)');
    await shotViewport(page, 'calendars-editor-fa-desktop');

    // A window that ends before it starts: the server's message under it, nothing saved.
    const thuEnd = dialog.getByTestId('week-thu-0-end');
    await thuEnd.fill('07:00');
    expect(await thuEnd.inputValue()).toBe('۰۷:۰۰');
    const refused = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}`, 'PATCH'));
    await dialog.getByTestId('calendar-save').click();
    expect((await refused).status()).toBe(400);
    const message = dialog.getByTestId('week-thu-0-error');
    await message.waitFor();
    expect(await message.textContent()).toBe(serverFa['validation.window_order']);
    expect(await thuEnd.getAttribute('aria-invalid')).toBe('true');
    expect(await thuEnd.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
    expect((await defaultCalendar()).week.thu).toEqual([['08:00', '12:00']]);
    await message.scrollIntoViewIfNeeded();
    await shotViewport(page, 'calendars-week-error-fa-desktop');

    // Thursday 08:00–13:00, typed with Persian digits.
    await thuEnd.fill('۱۳:۰۰');
    const savedWeek = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}`, 'PATCH'));
    await dialog.getByTestId('calendar-save').click();
    const weekRes = await savedWeek;
    expect(weekRes.status()).toBe(200);
    expect(JSON.parse(weekRes.request().postData() ?? '{}').week.thu).toEqual([['08:00', '13:00']]);
    await message.waitFor({ state: 'detached' });
    expect((await defaultCalendar()).week).toEqual({ ...IRANIAN_WEEK, thu: [['08:00', '13:00']] });

    // Confirm one lunar holiday; move another a day later.
    const confirmed = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}`, 'PATCH'));
    await dialog.getByTestId(`holiday-confirm-${toConfirm.date} ${toConfirm.name}`).click();
    expect((await confirmed).status()).toBe(200);
    await expect.poll(() => rowOf(dialog, toConfirm).getByTestId('holiday-unconfirmed').count()).toBe(0);
    const movedRes = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}`, 'PATCH'));
    await dialog.getByTestId(`holiday-later-${toMove.date} ${toMove.name}`).click();
    expect((await movedRes).status()).toBe(200);
    await rowOf(dialog, moved).waitFor();
    expect(await rowOf(dialog, toMove).count()).toBe(0);

    // A manual holiday: the day typed in the Jalali calendar, with Persian digits.
    await typeInto(dateField(dialog, tr('fa', 'admin.calendars.holidayDate')).input, shown(manual.date, 'fa'));
    await dialog.getByTestId('holiday-name').fill(manual.name);
    const added = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}`, 'PATCH'));
    await dialog.getByTestId('holiday-add').click();
    expect((await added).status()).toBe(200);
    await rowOf(dialog, manual).waitFor();
    expect(await rowOf(dialog, manual).textContent()).toContain(tr('fa', 'admin.calendars.source.manual'));
    expect(await dialog.getByTestId('holiday-name').inputValue()).toBe('');

    // Import next Jalali year (offered by default: this year's are there): the count is shown.
    const yearSelect = dialog.getByRole('combobox', { name: tr('fa', 'admin.calendars.importYear') });
    expect((await yearSelect.textContent())?.trim()).toBe(faDigits(next));
    const imported = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}/holidays/import`, 'POST'));
    await dialog.getByTestId('holiday-import').click();
    const importRes = await imported;
    expect(importRes.status()).toBe(200);
    expect(((await importRes.json()) as { added: number }).added).toBe(nextYears.length);
    const result = dialog.getByTestId('holiday-import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe(
      tr('fa', 'admin.calendars.imported', {
        count: nextYears.length,
        n: faDigits(nextYears.length),
        year: faDigits(next),
      }),
    );
    await dialog.getByTestId(`holidays-${next}`).waitFor();
    await result.scrollIntoViewIfNeeded();
    await shotViewport(page, 'calendars-holidays-fa-desktop');

    // The check: 72 working hours from a Tuesday 14:00 (Tehran).
    await typeInto(dateField(dialog, tr('fa', 'admin.calendars.checkFromDay')).input, shown(tuesday, 'fa'));
    await dialog.getByTestId('due-time').fill('14:00');
    await dialog.getByTestId('due-amount').fill('72');
    const checked = page.waitForResponse(isCalendarCall(`/calendars/${cal.id}/due`, 'POST'));
    await dialog.getByTestId('due-check').click();
    const dueRes = await checked;
    expect(dueRes.status()).toBe(200);
    expect(JSON.parse(dueRes.request().postData() ?? '{}')).toEqual({
      from: `${tuesday}T14:00:00+03:30`,
      workingMinutes: 72 * 60,
    });
    const { due } = await api.post<{ due: string }>(`/calendars/${cal.id}/due`, {
      from: `${tuesday}T14:00:00+03:30`,
      workingMinutes: 72 * 60,
    });
    const answer = dialog.getByTestId('due-result');
    await answer.waitFor();
    expect(await answer.getAttribute('data-due')).toBe(due);
    const text = (await answer.textContent()) ?? '';
    expect(text).toContain('۷۲ ساعت کاری');
    expect(text).toContain('سه‌شنبه');
    const dueWeekday = new Intl.DateTimeFormat('fa-IR', { weekday: 'long', timeZone: 'Asia/Tehran' }).format(
      new Date(due),
    );
    expect(text).toContain(dueWeekday);
    await answer.scrollIntoViewIfNeeded();
    await a11y.check(page, 'calendar editor after the changes (fa, desktop)');
    await shotViewport(page, 'calendars-check-fa-desktop');

    // No lost typing: a changed name is not thrown away without asking.
    const name = dialog.getByTestId('calendar-name');
    await name.fill(`${cal.name} ۲`);
    await dialog.getByTestId('calendar-close').click();
    await page.getByTestId('discard-dialog').waitFor();
    await page.getByTestId('discard-keep').click();
    expect(await name.inputValue()).toBe(`${cal.name} ۲`);
    await dialog.getByTestId('calendar-close').click();
    await page.getByTestId('discard-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await defaultCalendar()).name).toBe(cal.name);

    // After a reload, all of it is there: in the editor and through the API.
    await page.reload();
    await settled(page);
    const again = await openEditor(page, cal.id);
    expect(await again.getByTestId('week-thu-0-end').inputValue()).toBe('۱۳:۰۰');
    expect(await again.getByTestId('week-sat-0-end').inputValue()).toBe('۱۶:۰۰');
    expect(await rowOf(again, toConfirm).getByTestId('holiday-unconfirmed').count()).toBe(0);
    expect(await rowOf(again, moved).getByTestId('holiday-unconfirmed').count()).toBe(1);
    await rowOf(again, manual).waitFor();
    await again.getByTestId(`holidays-${next}`).waitFor();
    const after = await defaultCalendar();
    expect(after.week.thu).toEqual([['08:00', '13:00']]);
    const find = (h: Pick<Holiday, 'date' | 'name'>) =>
      after.holidays.find((x) => x.date === h.date && x.name === h.name);
    expect(find(toConfirm)).toMatchObject({ source: 'lunar', confirmed: true });
    expect(find(moved)).toMatchObject({ source: 'lunar', confirmed: false });
    expect(find(toMove)).toBeUndefined();
    expect(find(manual)).toMatchObject({ source: 'manual', confirmed: true });
    expect(after.holidays.filter((h) => jalali(h.date)[0] === next)).toHaveLength(nextYears.length);
    await again.getByTestId('calendar-close').click();
    await again.waitFor({ state: 'detached' });
  });

  it('on a 390×844 phone the list and the editor fit the screen', async () => {
    const cal = await defaultCalendar();
    const page = await admin('phone');
    await openPage(page);
    const wide = await overflow(page);
    expect(wide.by, wide.culprits.join('\n')).toBeLessThanOrEqual(1);
    await a11y.check(page, 'calendars list (fa, phone)');
    await shot(page, 'calendars-list-fa-phone');
    const dialog = await openEditor(page, cal.id);
    const content = dialog.locator('.MuiDialogContent-root');
    expect(await sideways(content)).toBeLessThanOrEqual(1);
    await a11y.check(page, 'calendar editor (fa, phone)');
    await shotViewport(page, 'calendars-editor-fa-phone');
    await dialog.getByTestId('week-thu').scrollIntoViewIfNeeded();
    await shotViewport(page, 'calendars-week-fa-phone');
    await dialog.getByTestId('holiday-unconfirmed').first().scrollIntoViewIfNeeded();
    expect(await sideways(content)).toBeLessThanOrEqual(1);
    await shotViewport(page, 'calendars-holidays-fa-phone');
    await dialog.getByTestId('due-check').scrollIntoViewIfNeeded();
    await shotViewport(page, 'calendars-check-fa-phone');
  });

  it('in English: a new calendar for a department, made the default and back, then deleted', async () => {
    const before = await defaultCalendar();
    const depts = (await api.get<{ items: Array<{ id: string; name: string }> }>('/departments')).items;
    const page = await admin();
    await openPage(page);
    await setLang(page, 'en');
    try {
      await page.getByRole('heading', { level: 1, name: tr('en', 'admin.calendars.title'), exact: true }).waitFor();
      await page.getByTestId('admin-create').click();
      const dialog = page.getByTestId('calendar-dialog');
      await dialog.getByRole('heading', { name: tr('en', 'admin.calendars.new') }).waitFor();
      // English keeps the week Saturday first, with Latin digits.
      expect((await dialog.getByTestId('week-sat').textContent())?.startsWith('Saturday')).toBe(true);
      expect(await dialog.getByTestId('week-sat-0-start').inputValue()).toBe('08:00');
      await dialog.getByTestId('calendar-name').fill('Night shift');
      await dialog.getByRole('combobox', { name: tr('en', 'admin.calendars.department') }).click();
      await page.getByRole('listbox').getByRole('option', { name: depts[0].name, exact: true }).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      // Friday gets a window; Saturday's is removed.
      await dialog.getByTestId('week-fri-add').click();
      await dialog.getByTestId('week-sat-0-remove').click();
      await dialog.getByTestId('week-sat-off').waitFor();
      const created = page.waitForResponse(isCalendarCall('/calendars', 'POST'));
      await dialog.getByTestId('calendar-save').click();
      const res = await created;
      expect(res.status()).toBe(201);
      const made = (await res.json()) as Calendar;
      expect(made).toMatchObject({ name: 'Night shift', departmentId: depts[0].id, isDefault: false });
      expect(made.week.sat).toEqual([]);
      expect(made.week.fri).toEqual([['08:00', '16:00']]);
      // Saved, the editor offers its holidays and the check.
      await dialog.getByTestId('holiday-import').waitFor();
      await a11y.check(page, 'calendar editor (en, desktop)');
      await shotViewport(page, 'calendars-editor-en-desktop');
      await dialog.getByTestId('calendar-close').click();
      await dialog.waitFor({ state: 'detached' });

      const row = page.getByTestId(`admin-row-${made.id}`);
      await row.waitFor();
      expect(await row.textContent()).toContain(depts[0].name);
      await a11y.check(page, 'calendars list (en, desktop)');
      await shot(page, 'calendars-list-en-desktop');

      // Made the default, the old default can be deleted, and back.
      await page.getByTestId(`calendar-make-default-${made.id}`).click();
      await row.getByTestId('calendar-default').waitFor();
      expect((await defaultCalendar()).id).toBe(made.id);
      expect(await page.getByTestId(`calendar-delete-${before.id}`).getAttribute('aria-disabled')).toBeNull();
      await page.getByTestId(`calendar-make-default-${before.id}`).click();
      await page.getByTestId(`admin-row-${before.id}`).getByTestId('calendar-default').waitFor();
      expect((await defaultCalendar()).id).toBe(before.id);

      await page.getByTestId(`calendar-delete-${made.id}`).click();
      const deleted = page.waitForResponse(isCalendarCall(`/calendars/${made.id}`, 'DELETE'));
      await page.getByTestId('admin-confirm-delete').click();
      expect((await deleted).status()).toBe(204);
      await row.waitFor({ state: 'detached' });
      expect((await calendars()).map((c) => c.id)).toEqual([before.id]);

      // The default calendar's holidays in English: Gregorian days with their weekday.
      const editor = await openEditor(page, before.id);
      const first = [...before.holidays].sort((a, b) => (a.date < b.date ? -1 : 1))[0];
      const firstRow = rowOf(editor, first);
      await firstRow.scrollIntoViewIfNeeded();
      const at = new Date(`${first.date}T12:00:00Z`);
      const en = (opts: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' }).format(at);
      const rowText = (await firstRow.textContent()) ?? '';
      expect(rowText).toContain(en({ weekday: 'long' }));
      expect(rowText).toContain(`${at.getUTCDate()} ${en({ month: 'long' })}`);
      await editor.getByTestId(`holidays-${at.getUTCFullYear()}`).waitFor();
      await a11y.check(page, 'calendar holidays (en, desktop)');
      await shotViewport(page, 'calendars-holidays-en-desktop');
      await editor.getByTestId('calendar-close').click();
      await editor.waitFor({ state: 'detached' });
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
  });
});
