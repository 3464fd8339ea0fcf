import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launchBrowser, newPerson, shot, type Person } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { settled, setLang, shotViewport, tr, type Lang } from './helpers/flows';
import { addDays, dateField, shown, TODAY, typeInto } from './helpers/date-picker';

/**
 * Issue 20 in the browser: an admin turns on round-robin assignment in a department's form, an
 * agent switches "away" on from the account menu (with a return day and a substitute), the away
 * chip shows beside their name, and a new ticket of the department goes to the one present.
 */
/** Picks an option of a single MUI select inside a dialog (no Escape: it would close the dialog). */
async function pick(page: Page, combo: Locator, option: string): Promise<void> {
  await combo.click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

interface User {
  id: string;
  username: string;
  away: boolean;
  awayUntil: string | null;
  substituteId: string | null;
}
interface Department {
  id: string;
  name: string;
  assignmentMode: string;
}

describe('automatic assignment and away', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;

  const signedIn = async (who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> => {
    const person = await newPerson(browser, server.base, screen);
    await (await ApiClient.login(server.base, who)).shareWith(person.context);
    return person;
  };
  const userOf = async (username: string) =>
    (await api.get<{ items: User[] }>('/users', { q: username })).items.find((u) => u.username === username)!;

  beforeAll(async () => {
    server = await startServer({ env: process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {} });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, screen] of [
    ['fa', 'desktop'],
    ['en', 'desktop'],
    ['fa', 'phone'],
  ] as Array<[Lang, 'desktop' | 'phone']>) {
    it(`sets a department's assignment mode in its form (${lang}, ${screen})`, async () => {
      const admin = await signedIn('admin', screen);
      const { page } = admin;
      await page.goto('/admin/departments');
      await setLang(page, lang);
      await settled(page);
      const deps = await api.get<{ items: Department[] }>('/departments', { q: 'پشتیبانی فنی' });
      const dep = deps.items[0];
      await page.getByTestId(`admin-edit-${dep.id}`).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('department-name').waitFor();
      const mode = lang === 'fa' && screen === 'desktop' ? 'round_robin' : 'least_open';
      await pick(
        page,
        dialog.getByRole('combobox', { name: tr(lang, 'admin.departments.assignmentMode') }),
        tr(lang, `admin.departments.assignment_${mode}`),
      );
      const hint = dialog.getByText(tr(lang, `admin.departments.assignmentHint_${mode}`));
      await hint.waitFor();
      await hint.scrollIntoViewIfNeeded();
      await checkA11y(page, `department form (${lang}, ${screen})`);
      await shotViewport(page, `auto-assign-department-form-${lang}-${screen}`);
      const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/departments/${dep.id}`));
      await page.getByTestId('admin-dialog-save').click();
      expect((await saved).status()).toBe(200);
      await dialog.waitFor({ state: 'detached' });
      expect((await api.get<Department>(`/departments/${dep.id}`)).assignmentMode).toBe(mode);
      expect(admin.errors).toEqual([]);
      await admin.context.close();
    });
  }

  it('an agent switches away on from the account menu, with a return day and a substitute; tickets go to the present one', async () => {
    const deps = await api.get<{ items: Department[] }>('/departments', { q: 'پشتیبانی فنی' });
    await api.patch(`/departments/${deps.items[0].id}`, { assignmentMode: 'round_robin' });
    const sara = await userOf('sara');
    for (const [lang, screen] of [
      ['fa', 'desktop'],
      ['en', 'desktop'],
      ['fa', 'phone'],
    ] as Array<[Lang, 'desktop' | 'phone']>) {
      const reza = await signedIn('reza', screen);
      const { page } = reza;
      await page.goto('/agent/tickets');
      await setLang(page, lang);
      await settled(page);
      await page.getByTestId('account-menu').click();
      await page.getByTestId('away-menu').click();
      const dialog = page.getByRole('dialog', { name: tr(lang, 'away.title') });
      await dialog.waitFor();
      const sw = dialog.getByTestId('away-switch');
      if (!(await sw.isChecked())) await sw.click();
      const back = addDays(TODAY, 3);
      const { input } = dateField(dialog, tr(lang, 'away.until'));
      await typeInto(input, shown(back, lang));
      await pick(page, dialog.getByRole('combobox', { name: tr(lang, 'away.substitute') }), 'سارا احمدی');
      await checkA11y(page, `away dialog (${lang}, ${screen})`);
      await shotViewport(page, `auto-assign-away-dialog-${lang}-${screen}`);
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
      await dialog.getByTestId('away-save').click();
      expect((await saved).status()).toBe(200);
      await dialog.waitFor({ state: 'detached' });
      // The chip in the top bar says until when.
      await page.getByRole('banner').getByTestId('away-chip').waitFor();
      const me = await userOf('reza');
      expect(me).toMatchObject({ away: true, substituteId: sara.id });
      // Back at the start of that day in the browser's zone (Tehran): the evening before, in UTC.
      expect(me.awayUntil).not.toBeNull();
      expect(Date.parse(me.awayUntil!)).toBe(Date.parse(`${back}T00:00:00+03:30`));
      await checkA11y(page, `away chip in the top bar (${lang}, ${screen})`);
      await shotViewport(page, `auto-assign-away-on-${lang}-${screen}`);
      expect(reza.errors).toEqual([]);
      await reza.context.close();
    }

    // The admin's people list shows the chip; a new ticket goes to sara, not to reza.
    const admin = await signedIn('admin');
    await admin.page.goto('/admin/people');
    await settled(admin.page);
    await admin.page.getByRole('row').filter({ hasText: 'reza' }).getByTestId('away-chip').waitFor();
    await shot(admin.page, 'auto-assign-people-away-fa-desktop');
    for (let i = 0; i < 2; i++) {
      const tk = await api.post<{ assignees: { id: string }[] }>('/tickets', {
        subject: `Auto ${i}`,
        body: '<p>x</p>',
        departmentId: deps.items[0].id,
      });
      expect(tk.assignees.map((a) => a.id)).toEqual([sara.id]);
    }
    // Assigned to reza by hand, it goes to his substitute.
    const reza = await userOf('reza');
    const manual = await api.post<{ assignees: { id: string }[] }>('/tickets', {
      subject: 'For reza',
      body: '<p>x</p>',
      departmentId: deps.items[0].id,
      assigneeIds: [reza.id],
    });
    expect(manual.assignees.map((a) => a.id)).toEqual([sara.id]);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
