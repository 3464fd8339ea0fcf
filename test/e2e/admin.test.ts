import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serverFa from '../../src/server/i18n/fa.json';
import serverEn from '../../src/server/i18n/en.json';
import { checkA11y, launchBrowser, newPerson, shot, signIn, type Person } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { setLang, settled, tr, type Lang } from './helpers/flows';

const SERVER_TEXTS: Record<Lang, Record<string, string>> = { fa: serverFa, en: serverEn };

/**
 * The admin screens in the browser: a department and an agent in it are created through the
 * dialogs and the agent can sign in; the permission matrix and the settings save and persist; a
 * server field error shows under its field; every admin page passes axe in Persian and English.
 */

/** Opens an admin page and waits for its heading (in `lang`) and its content. */
async function openAdmin(page: Page, path: string, titleKey: string, lang: Lang): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: tr(lang, titleKey), exact: true }).waitFor();
  await settled(page);
}

/** A person's browser already signed in as `who` (the API session is handed to the browser). */
async function signedIn(
  browser: Browser,
  base: string,
  who: string,
  screen: 'desktop' | 'phone' = 'desktop',
): Promise<Person> {
  const person = await newPerson(browser, base, screen);
  await (await ApiClient.login(base, who)).shareWith(person.context);
  return person;
}

interface ListOf<T> {
  items: T[];
  total: number;
}
interface Level {
  id: string;
  name: string;
  permissions: string[];
}

const ADMIN_PAGES = [
  { slug: 'people', path: '/admin/people', title: 'admin.people.title' },
  { slug: 'access-levels', path: '/admin/access-levels', title: 'admin.levels.title' },
  { slug: 'departments', path: '/admin/departments', title: 'admin.departments.title' },
  { slug: 'groups', path: '/admin/groups', title: 'admin.groups.title' },
  { slug: 'ticket-types', path: '/admin/ticket-types', title: 'admin.ticketTypes.title' },
  { slug: 'tags', path: '/admin/tags', title: 'admin.tags.title' },
  { slug: 'org-units', path: '/admin/org-units', title: 'admin.orgUnits.title' },
  { slug: 'mailboxes', path: '/admin/mailboxes', title: 'admin.mailboxes.title' },
  { slug: 'directories', path: '/admin/directories', title: 'admin.directories.title' },
  { slug: 'settings', path: '/admin/settings', title: 'admin.settings.pageTitle' },
] as const;

/** The same violations on many pages (the frame's, say) are listed once, with the pages they are on. */
function summarise(problems: string[]): string {
  const byBody = new Map<string, string[]>();
  for (const p of problems) {
    const [head, ...rest] = p.split('\n');
    const body = rest.join('\n').replace(/mui(rtl|ltr)-/g, 'mui-');
    byBody.set(body, [
      ...(byBody.get(body) ?? []),
      head.replace(/^Accessibility violations on /, '').replace(/:$/, ''),
    ]);
  }
  return [...byBody]
    .map(([body, where]) => (body ? `Accessibility violations on ${where.join(', ')}:\n${body}` : where.join('\n')))
    .join('\n\n');
}

describe('admin', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    // E2E_WEB_DIR serves a private build of the web app (while others rebuild dist/web).
    server = await startServer({ env: process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {} });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a department and an agent in it through the dialogs; the agent signs in and lands in the ticket center', async () => {
    const admin = await signedIn(browser, server.base, 'admin');
    const { page } = admin;
    const deptName = `Lab support ${Date.now() % 100000}`;
    const username = `e2e.agent${Date.now() % 100000}`;
    const password = 'agent-pass-2468';

    await openAdmin(page, '/admin/departments', 'admin.departments.title', 'fa');
    await page.getByTestId('admin-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: tr('fa', 'admin.departments.new') }).waitFor();
    await page.getByTestId('department-name').fill(deptName);
    await dialog
      .getByRole('textbox', { name: tr('fa', 'common.description'), exact: true })
      .fill('Computers and printers of the labs');
    const savedDept = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/departments') && r.request().method() === 'POST',
    );
    await page.getByTestId('admin-dialog-save').click();
    expect((await savedDept).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: deptName }).waitFor();
    const depts = await api.get<ListOf<{ id: string; name: string; active: boolean; usage: string }>>('/departments', {
      q: deptName,
    });
    expect(depts.items).toHaveLength(1);
    const dept = depts.items[0];
    expect(dept).toMatchObject({ name: deptName, active: true, usage: 'all' });

    await openAdmin(page, '/admin/people', 'admin.people.title', 'fa');
    // Agents are the first tab; its "new" button makes an agent.
    expect(await page.getByTestId('admin-create').textContent()).toContain(tr('fa', 'admin.people.new_agent'));
    await page.getByTestId('admin-create').click();
    await dialog.getByRole('heading', { name: tr('fa', 'admin.people.new_agent') }).waitFor();
    await dialog.getByRole('textbox', { name: tr('fa', 'common.name'), exact: true }).fill('Parisa Lab');
    await page.getByTestId('person-username').fill(username);
    await page.getByTestId('person-password').fill(password);
    const deptInput = page.getByTestId('person-departments').locator('input');
    await deptInput.click();
    await deptInput.fill(deptName.slice(0, 10));
    await page.getByRole('option', { name: deptName, exact: true }).click();
    // The chosen department is a chip in the field.
    await page.getByTestId('person-departments').getByRole('button', { name: deptName }).waitFor();
    await page.getByTestId('person-level').getByRole('combobox').click();
    // «کارشناس» is the demo's access level for ordinary agents (data, not interface text).
    await page.getByRole('option', { name: 'کارشناس', exact: true }).click();
    const savedUser = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
    await page.getByTestId('admin-dialog-save').click();
    expect((await savedUser).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: username }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: username }).textContent()).toContain(deptName);

    const users = await api.get<
      ListOf<{ username: string; role: string; departmentIds: string[]; accessLevelId: string | null; active: boolean }>
    >('/users', { role: 'agent', q: username });
    expect(users.items).toHaveLength(1);
    expect(users.items[0]).toMatchObject({ username, role: 'agent', departmentIds: [dept.id], active: true });
    expect(users.items[0].accessLevelId).not.toBeNull();

    // The new agent, in a browser of their own, through the sign-in page.
    const agent = await newPerson(browser, server.base);
    await agent.page.goto('/login');
    await signIn(agent.page, username, password);
    await agent.page.waitForURL((u) => u.pathname === '/agent/tickets');
    await agent.page.getByRole('heading', { level: 1, name: tr('fa', 'center.title') }).waitFor();
    // An ordinary agent has no admin pages in the navigation.
    expect(await agent.page.getByRole('link', { name: tr('fa', 'nav.people') }).count()).toBe(0);
    await shot(agent.page, 'admin-new-agent-center-fa-desktop');

    expect([...admin.errors, ...agent.errors]).toEqual([]);
    await admin.context.close();
    await agent.context.close();
  });

  it('a box of the permission matrix saves at once and stays after a reload', async () => {
    const levels = await api.get<ListOf<Level>>('/access-levels');
    const level = levels.items.find((l) => !l.permissions.includes('reports.view'));
    expect(level, 'a demo level without reports.view').toBeDefined();
    const { id } = level!;
    const hasReports = async () =>
      (await api.get<ListOf<Level>>('/access-levels')).items
        .find((l) => l.id === id)!
        .permissions.includes('reports.view');

    const admin = await signedIn(browser, server.base, 'admin');
    const { page } = admin;
    try {
      await openAdmin(page, '/admin/access-levels', 'admin.levels.title', 'fa');
      const box = page.getByTestId(`permission-reports.view-${id}`);
      expect(await box.isChecked()).toBe(false);
      const saved = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/access-levels/${id}`) && r.request().method() === 'PATCH',
      );
      await box.click();
      expect((await saved).status()).toBe(200);
      await page.getByText(tr('fa', 'admin.levels.saved'), { exact: true }).waitFor();
      await expect.poll(hasReports).toBe(true);
      // Other permissions of the level are kept.
      const after = (await api.get<ListOf<Level>>('/access-levels')).items.find((l) => l.id === id)!;
      expect([...after.permissions].sort()).toEqual([...level!.permissions, 'reports.view'].sort());

      await page.reload();
      await settled(page);
      expect(await page.getByTestId(`permission-reports.view-${id}`).isChecked()).toBe(true);

      // And back.
      const undone = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/access-levels/${id}`) && r.request().method() === 'PATCH',
      );
      await page.getByTestId(`permission-reports.view-${id}`).click();
      expect((await undone).status()).toBe(200);
      await expect.poll(hasReports).toBe(false);
      await page.reload();
      await settled(page);
      expect(await page.getByTestId(`permission-reports.view-${id}`).isChecked()).toBe(false);
    } finally {
      await api.patch(`/access-levels/${id}`, { permissions: level!.permissions });
    }
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('the settings page saves the title and the top bar shows it', async () => {
    const before = await api.get<{ title: string }>('/settings');
    const title = `Helpdesk E2E ${Date.now() % 100000}`;
    const admin = await signedIn(browser, server.base, 'admin');
    const { page } = admin;
    try {
      await openAdmin(page, '/admin/settings', 'admin.settings.pageTitle', 'fa');
      expect(await page.getByRole('link', { name: before.title, exact: true }).count()).toBe(1);
      await page.getByTestId('settings-title').fill(title);
      // The bar under the form counts the unsaved changes (in Persian digits).
      const statuses = async () => (await page.getByRole('status').allTextContents()).map((x) => x.trim());
      await expect
        .poll(statuses, { message: 'the count of unsaved changes' })
        .toContain(tr('fa', 'admin.settings.unsaved_one', { n: '۱' }));
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/settings') && r.request().method() === 'PATCH',
      );
      await page.getByTestId('settings-save').click();
      const res = await saved;
      expect(res.status()).toBe(200);
      // Only what changed is sent.
      expect(Object.keys(JSON.parse(res.request().postData() ?? '{}'))).toEqual(['title']);
      await page.getByText(tr('fa', 'admin.settings.savedNotice'), { exact: true }).waitFor();
      await page.getByRole('link', { name: title, exact: true }).waitFor();
      expect((await api.get<{ title: string }>('/settings')).title).toBe(title);
      await expect.poll(statuses).toContain(tr('fa', 'admin.settings.noChanges'));

      // It stays after a reload, in the form and in the top bar.
      await page.reload();
      await settled(page);
      expect(await page.getByTestId('settings-title').inputValue()).toBe(title);
      await page.getByRole('link', { name: title, exact: true }).waitFor();
    } finally {
      await api.patch('/settings', { title: before.title });
    }
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('a server field error (a taken username) shows under its field, in Persian and in English', async () => {
    const admin = await signedIn(browser, server.base, 'admin');
    const { page } = admin;
    try {
      for (const lang of ['fa', 'en'] as const) {
        await page.goto('/admin/people');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.people.title') }).waitFor();
        await page.getByTestId('admin-create').click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('heading', { name: tr(lang, 'admin.people.new_agent') }).waitFor();
        const usernameInput = page.getByTestId('person-username');
        // Before saving, the field shows its hint.
        const helpId = await usernameInput.getAttribute('aria-describedby');
        expect(helpId).toBeTruthy();
        expect((await page.locator(`[id="${helpId}"]`).textContent())?.trim()).toBe(
          tr(lang, 'admin.people.usernameHint'),
        );

        await usernameInput.fill('sara');
        await page.getByTestId('person-password').fill('another-pass-123');
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
        await page.getByTestId('admin-dialog-save').click();
        const res = await saved;
        expect(res.status()).toBeGreaterThanOrEqual(400);
        expect(res.status()).toBeLessThan(500);
        const taken = SERVER_TEXTS[lang]['validation.username_taken'];
        expect(taken).toBeTruthy();
        // The server's message replaces the hint under the username field, which is marked invalid.
        await expect.poll(async () => (await page.locator(`[id="${helpId}"]`).textContent())?.trim()).toBe(taken);
        expect(await usernameInput.getAttribute('aria-invalid')).toBe('true');
        // The dialog stays open with what was typed, and the message is not repeated on top.
        expect(await usernameInput.inputValue()).toBe('sara');
        const top = dialog.getByRole('alert');
        if (await top.count()) expect(await top.first().textContent()).not.toContain(taken);
        await shot(page, `admin-person-error-${lang}-desktop`);
        await dialog.getByRole('button', { name: tr(lang, 'common.cancel'), exact: true }).click();
        // What was typed is not thrown away without asking.
        await page.getByTestId('discard-confirm').click();
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      }
      // No second "sara" was made.
      expect(
        (await api.get<ListOf<{ username: string }>>('/users', { q: 'sara' })).items.filter(
          (u) => u.username === 'sara',
        ),
      ).toHaveLength(1);
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('every admin page passes axe in Persian and English on desktop; people and settings also on a phone', async () => {
    // Every page is checked even when one fails, so that one run lists all the problems.
    const problems: string[] = [];
    const a11y = (page: Page, label: string) =>
      checkA11y(page, label).catch((err: Error) => void problems.push(err.message));
    const desk = await signedIn(browser, server.base, 'admin');
    const phone = await signedIn(browser, server.base, 'admin', 'phone');
    try {
      for (const lang of ['fa', 'en'] as const) {
        const { page } = desk;
        for (const p of ADMIN_PAGES) {
          await page.goto(p.path);
          await page.locator('main h1').first().waitFor();
          await setLang(page, lang);
          await page.getByRole('heading', { level: 1, name: tr(lang, p.title), exact: true }).waitFor();
          await settled(page);
          // The navigation marks the page one is on.
          expect(await page.locator(`nav a[href="${p.path}"]`).getAttribute('aria-current')).toBe('page');
          await a11y(page, `admin ${p.slug} (${lang}, desktop)`);
          await shot(page, `admin-${p.slug}-${lang}-desktop`);
        }
        for (const p of ADMIN_PAGES.filter((x) => x.slug === 'people' || x.slug === 'settings')) {
          await phone.page.goto(p.path);
          await phone.page.locator('main h1').first().waitFor();
          await setLang(phone.page, lang);
          await phone.page.getByRole('heading', { level: 1, name: tr(lang, p.title), exact: true }).waitFor();
          await settled(phone.page);
          // Against the screen's width: a phone zooms out to a page that is too wide, and innerWidth grows with it.
          const overflow =
            ((await phone.page.evaluate('document.scrollingElement.scrollWidth')) as number) -
            phone.page.viewportSize()!.width;
          if (overflow > 1) problems.push(`${p.path} (${lang}) is ${overflow}px wider than a 360px phone`);
          await a11y(phone.page, `admin ${p.slug} (${lang}, phone)`);
          await shot(phone.page, `admin-${p.slug}-${lang}-phone`);
        }
      }
    } finally {
      await setLang(desk.page, 'fa').catch(() => undefined);
    }
    await desk.context.close();
    await phone.context.close();
    expect(summarise(problems)).toBe('');
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });
});
