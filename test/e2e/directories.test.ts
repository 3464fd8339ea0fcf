import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverEn from '../../src/server/i18n/en.json';
import serverFa from '../../src/server/i18n/fa.json';
import { startSlapd, type Slapd } from '../helpers/slapd';
import { DEMO_PASSWORD, launchBrowser, newPerson, signIn, type Person } from './helpers/browser';
import {
  faDigits,
  setLang,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  tr,
  webEnv,
  type Lang,
} from './helpers/flows';
import { fitsPhone } from './helpers/mail';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

const SERVER_TEXTS: Record<Lang, Record<string, string>> = { fa: serverFa, en: serverEn };

interface Directory {
  id: string;
  name: string;
  url: string;
  startTls: boolean;
  caCert: string | null;
  bindDn: string;
  bindPasswordSet: boolean;
  baseDn: string;
  attributes: Record<string, string>;
  groupMappings: Array<{ groupDn: string; role: string }>;
  position: number;
  people: number;
  lastSyncReport: { created: number } | null;
}
interface User {
  id: string;
  username: string;
  role: string;
  active: boolean;
}

/**
 * Directory sign-in (A5) in the browser, against a real OpenLDAP (test/helpers/slapd.ts): the
 * admin adds a directory through its screen (STARTTLS with the run's own CA, the service
 * account, the OpenLDAP preset, helpdesk-agents → agent), tests it and sees the people it finds,
 * previews the sync, runs it and sees the report; then directory people sign in through the
 * ordinary sign-in form with their directory passwords — an agent by the group mapping, a
 * customer by the default role. The server starts without demo data, whose ali, sara and reza
 * are local accounts the directory must not take over.
 */
describe('directories: the admin screens and sign-in with a directory password', () => {
  let slapd: Slapd;
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  beforeAll(async () => {
    slapd = await startSlapd();
    server = await startServer({
      demo: false,
      // slapd listens on 127.0.0.1, a private address an admin may not name unless allowed.
      env: {
        ...webEnv(),
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: DEMO_PASSWORD,
        ALLOW_PRIVATE_NETWORK_TARGETS: 'true',
      },
    });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  }, 180_000);
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await slapd?.stop();
  });

  async function person(who: string | null, screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen, { timeout: 30_000 });
    people.push(p);
    if (who) await (await ApiClient.login(server.base, who)).shareWith(p.context);
    return p;
  }
  const apiPath = (r: { url(): string }) => new URL(r.url()).pathname;
  const answer = (page: Page, method: string, path: string | RegExp) =>
    page.waitForResponse(
      (r) =>
        r.request().method() === method && (typeof path === 'string' ? apiPath(r) === path : path.test(apiPath(r))),
    );
  const account = async (username: string) =>
    (await api.get<{ items: User[] }>('/users', { q: username, pageSize: 100 })).items.find(
      (u) => u.username === username,
    );
  const digits = (lang: Lang, n: number) => (lang === 'fa' ? faDigits(n) : String(n));

  it('the admin adds a directory, tests it, previews and runs the sync; its people sign in with the ordinary form', async () => {
    const admin = await person('admin');
    const { page } = admin;
    const lang: Lang = 'fa';
    await page.goto('/admin/directories');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.title') }).waitFor();
    await page.getByText(tr(lang, 'admin.directories.empty')).waitFor();
    // The menu of the administration links here.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr(lang, 'nav.directories') })
      .waitFor();

    await page.getByTestId('admin-create').click();
    await page.waitForURL('**/admin/directories/new');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.new') }).waitFor();
    // Nothing to test before it is saved.
    expect(await page.getByTestId('directory-test').isDisabled()).toBe(true);
    await page.getByTestId('directory-name').fill('دانشگاه نمونه');
    await page.getByTestId('directory-url').fill(slapd.url);
    await page.getByTestId('directory-starttls').check();
    await page.getByTestId('directory-ca').fill(slapd.caCertPem);
    await page.getByTestId('directory-bind-dn').fill(slapd.reader.dn);
    await page.getByTestId('directory-bind-password').fill(slapd.reader.password);
    await page.getByTestId('directory-base-dn').fill(slapd.baseDn);
    await page.getByTestId('directory-preset-openldap').click();
    expect(await page.getByTestId('directory-attr-username').inputValue()).toBe('uid');
    expect(await page.getByTestId('directory-attr-name').inputValue()).toBe('cn');
    await page.getByTestId('directory-mapping-add').click();
    await page.getByTestId('directory-mapping-dn-0').fill(slapd.groupDn('helpdesk-agents'));
    await page.getByTestId('directory-interval').fill('0');
    // Switching certificate checks off warns; back on, the warning goes.
    await page.getByTestId('directory-verify').uncheck();
    await page.getByTestId('directory-verify-warning').waitFor();
    await page.getByTestId('directory-verify').check();
    await page.getByTestId('directory-verify-warning').waitFor({ state: 'detached' });
    await a11y.check(page, `new directory (${lang}, desktop)`);
    await shotFromTop(page, `directories-new-${lang}-desktop`);

    const created = answer(page, 'POST', '/api/v1/directories');
    await page.getByTestId('directory-save').click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/admin\/directories\/\d+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page
      .getByTestId('admin-notice')
      .filter({ hasText: tr(lang, 'admin.directories.created') })
      .waitFor();
    const saved = await api.get<Directory>(`/directories/${id}`);
    expect(saved).toMatchObject({
      name: 'دانشگاه نمونه',
      url: slapd.url,
      startTls: true,
      bindDn: slapd.reader.dn,
      bindPasswordSet: true,
      baseDn: slapd.baseDn,
      attributes: { username: 'uid', name: 'cn', email: 'mail', mobile: 'mobile' },
      groupMappings: [{ groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' }],
    });
    expect(saved.caCert).toContain('BEGIN CERTIFICATE');
    // The password is write-only: the field is empty and says one is stored.
    expect(await page.getByTestId('directory-bind-password').inputValue()).toBe('');
    await page.getByText(tr(lang, 'admin.directories.passwordStored')).waitFor();

    // Test connection: every stage passes (TLS through STARTTLS) and the people found are listed.
    const tested = answer(page, 'POST', `/api/v1/directories/${id}/test`);
    await page.getByTestId('directory-test').click();
    expect((await tested).status()).toBe(200);
    const result = page.getByTestId('directory-test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    for (const stage of ['dns', 'connect', 'tls', 'bind', 'search'])
      expect(await page.getByTestId(`directory-stage-${stage}`).getAttribute('data-state')).toBe('ok');
    const sara = page.getByTestId('directory-sample-sara');
    await sara.waitFor();
    expect(await sara.textContent()).toContain(tr(lang, 'admin.people.role_agent'));
    expect(await sara.textContent()).toContain('sara@example.org');
    expect(await page.getByTestId('directory-sample-ali').textContent()).toContain(
      tr(lang, 'admin.people.role_customer'),
    );
    await settled(page);
    await a11y.check(page, `directory test result (${lang}, desktop)`);
    await page.getByTestId('directory-section-actions').scrollIntoViewIfNeeded();
    await shotViewport(page, `directories-test-${lang}-desktop`);

    // Preview: the counts, and nobody is created yet.
    const previewed = answer(page, 'POST', `/api/v1/directories/${id}/sync`);
    await page.getByTestId('directory-preview').click();
    const preview = (await (await previewed).json()) as { dryRun: boolean; created: number; seen: number };
    expect(preview.dryRun).toBe(true);
    expect(preview.created).toBeGreaterThan(0);
    const report = page.getByTestId('directory-report');
    await report.waitFor();
    expect(await report.getAttribute('data-kind')).toBe('preview');
    expect(await page.getByTestId('directory-report-created').textContent()).toContain(digits(lang, preview.created));
    expect(await account('sara')).toBeUndefined();

    // Sync now: the people come in, sara as an agent by the mapping, ali as a customer.
    const synced = answer(page, 'POST', `/api/v1/directories/${id}/sync`);
    await page.getByTestId('directory-sync').click();
    const sync = (await (await synced).json()) as { dryRun: boolean; created: number };
    expect(sync).toMatchObject({ dryRun: false, created: preview.created });
    await expect.poll(() => report.getAttribute('data-kind')).toBe('sync');
    expect(await page.getByTestId('directory-report-created').textContent()).toContain(digits(lang, sync.created));
    expect(await account('sara')).toMatchObject({ role: 'agent', active: true });
    expect(await account('ali')).toMatchObject({ role: 'customer', active: true });
    await settled(page);
    // In the middle of the screen, clear of the sticky save bar.
    const center = (el: { scrollIntoView(o: object): void }) => el.scrollIntoView({ block: 'center' });
    await report.evaluate(center);
    await a11y.check(page, `directory after a sync (${lang}, desktop)`);
    await shotViewport(page, `directories-sync-${lang}-desktop`);
    // Opened again, the page shows the stored report.
    await page.reload();
    const last = page.getByTestId('directory-last-report-created');
    await last.waitFor();
    expect(await last.textContent()).toContain(digits(lang, sync.created));
    await settled(page);
    await last.evaluate(center);
    await a11y.check(page, `directory with its last sync report (${lang}, desktop)`);
    await shotViewport(page, `directories-last-sync-${lang}-desktop`);

    // The list: its people and the last sync.
    await page.getByTestId('directory-back').click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.title') }).waitFor();
    const row = page.getByTestId(`admin-row-${id}`);
    await row.waitFor();
    const after = await api.get<Directory>(`/directories/${id}`);
    expect(after.people).toBeGreaterThan(0);
    expect(await row.textContent()).toContain(digits(lang, after.people));
    expect(await page.getByTestId(`directory-sync-${id}`).textContent()).toContain(
      tr(lang, 'admin.directories.reportLine', {
        created: digits(lang, after.lastSyncReport!.created),
        updated: digits(lang, 0),
        deactivated: digits(lang, 0),
      }),
    );
    await settled(page);
    await a11y.check(page, `directories list (${lang}, desktop)`);
    await shotFromTop(page, `directories-list-${lang}-desktop`);

    // People: a directory account shows where its password lives, and no password field.
    const saraAccount = (await account('sara'))!;
    await page.goto('/admin/people');
    await page.getByTestId('people-tab-agent').click();
    await page.getByTestId(`admin-edit-${saraAccount.id}`).click();
    const notice = page.getByRole('dialog').getByTestId('person-directory');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(tr(lang, 'admin.people.directoryAccount'));
    expect(await page.getByTestId('person-password').count()).toBe(0);
    await a11y.check(page, `a directory person's dialog (${lang}, desktop)`);
    await shotViewport(page, `directories-person-${lang}-desktop`);
    await page.keyboard.press('Escape');

    // The ordinary sign-in form, with directory passwords: sara lands among the agents, ali in the portal.
    const agent = await person(null);
    await signIn(agent.page, 'sara', slapd.user('sara').password);
    await agent.page.waitForURL((u) => u.pathname.startsWith('/agent'));
    const customer = await person(null);
    await signIn(customer.page, 'ali', slapd.user('ali').password);
    await customer.page.waitForURL((u) => u.pathname.startsWith('/portal'));
    await customer.page.locator('main h1').first().waitFor();
    // The directory decides the password: a wrong one is refused like any other.
    const stranger = await person(null);
    await stranger.page.goto('/login');
    await stranger.page.getByTestId('login-username').fill('neda');
    await stranger.page.getByTestId('login-password').fill('not-her-password');
    const refused = answer(stranger.page, 'POST', '/api/v1/auth/login');
    await stranger.page.getByTestId('login-submit').click();
    expect((await refused).status()).toBe(401);
    expect([...admin.errors, ...agent.errors, ...customer.errors, ...stranger.errors]).toEqual([]);
  });

  it('in English and on a phone: the list reorders, a refused field shows under it', async () => {
    const other = await api.post<Directory>('/directories', {
      name: 'Backup LDAP',
      url: slapd.ldapsUrl,
      caCert: slapd.caCertPem,
      baseDn: slapd.baseDn,
      syncIntervalMinutes: 0,
      active: false,
      position: 1000,
    });
    const before = (await api.get<{ items: Directory[] }>('/directories')).items;
    expect(before.at(-1)!.id).toBe(other.id);
    const desk = await person('admin');
    const phone = await person('admin', 'phone');
    const { page } = desk;
    for (const lang of ['en', 'fa'] as const) {
      await page.goto('/admin/directories');
      await page.locator('main h1').first().waitFor();
      await setLang(page, lang);
      await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.title') }).waitFor();
      await page.getByTestId(`admin-row-${other.id}`).waitFor();
      await settled(page);
      if (lang === 'en') {
        // Up: the backup is tried first; the order is kept by the server.
        const moved = answer(page, 'PATCH', /^\/api\/v1\/directories\/\d+$/);
        await page.getByTestId(`directory-up-${other.id}`).click();
        expect((await moved).status()).toBe(200);
        await expect
          .poll(async () => (await api.get<{ items: Directory[] }>('/directories')).items[0].id)
          .toBe(other.id);
        await expect.poll(() => page.getByTestId(`directory-up-${other.id}`).isDisabled()).toBe(true);
        // The pointer off the buttons: a tooltip would cover the list in the picture.
        await page.mouse.move(0, 0);
        await page.getByRole('tooltip').waitFor({ state: 'detached' });
        await a11y.check(page, `directories list (${lang}, desktop)`);
        await shotFromTop(page, `directories-list-${lang}-desktop`);
      }

      // A URL the server refuses: its message shows under the field.
      await page.getByTestId('admin-create').click();
      await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.new') }).waitFor();
      await page.getByTestId('directory-name').fill('Broken');
      await page.getByTestId('directory-url').fill('http://ldap.example.org');
      await page.getByTestId('directory-base-dn').fill(slapd.baseDn);
      const refused = answer(page, 'POST', '/api/v1/directories');
      await page.getByTestId('directory-save').click();
      expect((await refused).status()).toBe(400);
      const url = page.getByTestId('directory-url');
      const help = page.locator(`[id="${await url.getAttribute('aria-describedby')}"]`);
      await expect.poll(() => help.textContent()).toBe(SERVER_TEXTS[lang]['validation.ldap_url']);
      expect(await url.getAttribute('aria-invalid')).toBe('true');
      await a11y.check(page, `new directory with a field error (${lang}, desktop)`);
      await shotViewport(page, `directories-field-error-${lang}-desktop`);
      // Leaving asks first; discarding goes back to the list.
      await page.getByTestId('directory-back').click();
      await page.getByTestId('discard-confirm').click();
      await page.waitForURL((u) => u.pathname === '/admin/directories');

      await phone.page.goto('/admin/directories');
      await phone.page.locator('main h1').first().waitFor();
      await setLang(phone.page, lang);
      await phone.page.getByRole('heading', { level: 1, name: tr(lang, 'admin.directories.title') }).waitFor();
      await phone.page.getByTestId(`admin-row-${other.id}`).waitFor();
      await settled(phone.page);
      await fitsPhone(phone.page, `/admin/directories (${lang})`);
      await a11y.check(phone.page, `directories list (${lang}, phone)`);
      await shotFromTop(phone.page, `directories-list-${lang}-phone`);

      const first = before[0];
      await phone.page.getByTestId(`admin-edit-${first.id}`).click();
      await phone.page.waitForURL(`**/admin/directories/${first.id}`);
      await phone.page.getByTestId('directory-editor').waitFor();
      await phone.page.getByTestId('directory-test').click();
      await phone.page.getByTestId('directory-sample-sara').waitFor();
      await settled(phone.page);
      await fitsPhone(phone.page, `/admin/directories/${first.id} (${lang})`);
      await a11y.check(phone.page, `directory editor with a test result (${lang}, phone)`);
      await shotFromTop(phone.page, `directories-editor-${lang}-phone`);
      if (lang === 'en') {
        await page.goto(`/admin/directories/${first.id}`);
        await page.getByTestId('directory-editor').waitFor();
        await page.getByTestId('directory-test').click();
        await page.getByTestId('directory-sample-sara').waitFor();
        await settled(page);
        await a11y.check(page, `directory editor with a test result (${lang}, desktop)`);
        await shotFromTop(page, `directories-editor-${lang}-desktop`);
      }
    }
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });
});
