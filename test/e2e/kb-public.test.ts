import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlLangDir, launchBrowser, newPerson, signIn } from './helpers/browser';
import {
  chooseOption,
  faDigits,
  pngBytes,
  richEditor,
  settled,
  shotFromTop,
  softA11y,
  switchLanguage,
  tr,
  typeInEditor,
  webEnv,
} from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Issue 17, the public side: a guest finds an article in the help centre (search with the Arabic
 * spellings ي/ك finds the Persian ی/ک, the matched words marked), votes on it, then types a
 * ticket's subject in the guest form, is suggested the article, opens it and still sends the
 * ticket — and the deflection numbers count that form once: shown, opened, sent. Hidden and
 * internal articles never reach the visitor. Agents link an article from the reply box; the
 * numbers show on the admin's dashboard.
 */

interface Group {
  id: string;
  name: string;
}
interface Article {
  id: string;
  slug: string;
  title: string;
}

const VISIBLE = 'راهنمای تنظیم چاپگر شبکه';
const HIDDEN = 'پیش‌نویس چاپگر شبکهٔ طبقهٔ دوم';
const INTERNAL = 'تنظیمات داخلی چاپگر شبکه برای کارشناسان';
const GROUP = 'چاپ و اسکن';
/** The subject the guest types, with the Arabic ك: every word must match (the suggestions' search). */
const TYPED = 'تنظیم چاپگر شبكه';
const SUBGROUP = 'چاپگرهای شبکه';

/** The texts of the <mark>s inside a locator. */
const marks = (page: Page, testId: string) => page.getByTestId(testId).first().locator('mark').allTextContents();

describe('public help centre and suggestions', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  let group: Group;
  let subgroup: Group;
  let article: Article;
  let internal: Article;
  let hidden: Article;
  let workspaceTitle: string;
  const a11y = softA11y();

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
    workspaceTitle = (await admin.get<{ title: string }>('/public/settings')).title;

    const image = await admin.upload<{ id: string; url: string }>(
      'printer.png',
      'image/png',
      pngBytes(64),
      '/kb/images',
    );
    group = await admin.post<Group>('/kb/groups', { name: GROUP, kb: true, imageId: image.id, position: 1 });
    subgroup = await admin.post<Group>('/kb/groups', { name: SUBGROUP, parentId: group.id, kb: true, position: 1 });
    const body =
      '<h2>پیش از شروع</h2><p>برای تنظیم چاپگر شبکه ابتدا نشانی IP چاپگر را از صفحهٔ تنظیمات آن بخوانید.</p>' +
      '<ol><li>تنظیمات ویندوز را باز کنید.</li><li>«افزودن چاپگر» را بزنید.</li></ol>' +
      '<table><tbody><tr><th>مدل</th><th>درگاه</th></tr><tr><td>HP 400</td><td>9100</td></tr></tbody></table>';
    article = await admin.post<Article>('/kb/articles', {
      groupId: subgroup.id,
      title: VISIBLE,
      body,
      summary: 'چاپگر اداره را در چند گام روی رایانهٔ خود تنظیم کنید.',
      keywords: 'چاپگر، پرینتر، شبکه',
      locale: 'fa',
      visible: true,
    });
    hidden = await admin.post<Article>('/kb/articles', {
      groupId: subgroup.id,
      title: HIDDEN,
      body: '<p>چاپگر شبکه هنوز آماده نیست.</p>',
      locale: 'fa',
      visible: false,
    });
    internal = await admin.post<Article>('/kb/articles', {
      groupId: group.id,
      title: INTERNAL,
      body: '<p>گذرواژهٔ مدیریتی چاپگر شبکه در گاوصندوق است.</p>',
      locale: 'fa',
      visible: true,
      internal: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a guest finds the article by an Arabic-letter search, votes, is suggested it while typing a subject, opens it and still sends the ticket', async () => {
    const guest = await newPerson(browser, server.base);
    const { page, context } = guest;

    // The help centre: the group with its image; nothing hidden or internal anywhere.
    await page.goto('/help');
    await settled(page);
    expect(await htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(await page.title()).toBe(`${tr('fa', 'kbPublic.title')} · ${workspaceTitle}`);
    const card = page.getByTestId('help-group').filter({ hasText: GROUP });
    await card.waitFor();
    expect(await card.locator('img').getAttribute('src')).toBeTruthy();
    await expect
      .poll(() => card.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(64);
    expect(await page.locator('main').textContent()).not.toMatch(/پیش‌نویس|داخلی/);
    await a11y.check(page, 'help centre (fa)');
    await shotFromTop(page, 'kb-help-home-fa-desktop');

    // Search with the Arabic ك (and ي in another word): the Persian article is found, words marked.
    await page.getByTestId('help-search').fill('چاپگر شبكه');
    await page.waitForURL((u) => u.pathname === '/help' && u.searchParams.get('q') === 'چاپگر شبكه');
    const link = page.getByTestId('help-article-link').filter({ hasText: VISIBLE });
    await link.waitFor();
    await settled(page);
    expect((await marks(page, 'help-article-link')).join(' ')).toMatch(/چاپگر/);
    expect((await marks(page, 'help-article-link')).join(' ')).toMatch(/شبکه/);
    const results = (await page.getByTestId('help-articles').textContent()) ?? '';
    expect(results).not.toContain(HIDDEN);
    expect(results).not.toContain(INTERNAL);
    expect(await page.getByTestId('help-article-row').count()).toBe(1);
    await a11y.check(page, 'help search results (fa)');
    await shotFromTop(page, 'kb-help-search-fa-desktop');
    // The hidden and internal articles are not there by their address either.
    for (const slug of [internal.slug, hidden.slug]) {
      const res = await page.request.get(`/api/v1/public/kb/articles/${encodeURIComponent(slug)}`);
      expect(res.status()).toBe(404);
    }

    // The article: breadcrumb group › subgroup, Jalali date in Persian digits, the body, the title in the tab.
    await link.click();
    await page.waitForURL((u) => u.pathname === `/help/articles/${encodeURIComponent(article.slug)}`);
    await page.getByTestId('help-article-title').filter({ hasText: VISIBLE }).waitFor();
    await settled(page);
    expect(await page.title()).toBe(`${VISIBLE} · ${workspaceTitle}`);
    const crumbs = (await page.getByTestId('help-breadcrumbs').textContent()) ?? '';
    expect(crumbs).toContain(GROUP);
    expect(crumbs).toContain(SUBGROUP);
    expect(crumbs.indexOf(GROUP)).toBeLessThan(crumbs.indexOf(SUBGROUP));
    expect(await page.getByTestId('help-article-updated').textContent()).toMatch(/[۰-۹]{4}/);
    const bodyBox = page.getByTestId('help-article-body');
    expect(await bodyBox.locator('h2').textContent()).toBe('پیش از شروع');
    expect(await bodyBox.locator('table td').count()).toBe(2);
    expect(await bodyBox.getAttribute('dir')).toBe('rtl');

    // Helpful: the count goes up, the choice is shown and kept on the next visit.
    const yes = page.getByTestId('help-vote-helpful');
    expect(await yes.getAttribute('aria-pressed')).toBe('false');
    const voted = page.waitForResponse((r) => r.url().includes('/feedback') && r.request().method() === 'POST');
    await yes.click();
    expect((await voted).status()).toBe(200);
    await expect.poll(() => yes.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('help-count-helpful').textContent()).toContain(faDigits(1));
    await a11y.check(page, 'help article (fa)');
    await shotFromTop(page, 'kb-help-article-fa-desktop');
    await page.reload();
    await page.getByTestId('help-article-title').waitFor();
    await expect.poll(() => page.getByTestId('help-vote-helpful').getAttribute('aria-pressed')).toBe('true');

    // "Still need help?" opens the guest form with the article's title as the subject.
    await page.getByTestId('help-new-ticket').click();
    await page.waitForURL((u) => u.pathname === '/guest/new' && u.searchParams.get('subject') === VISIBLE);
    const subject = page.getByRole('textbox', { name: tr('fa', 'guest.new.subject') });
    await expect.poll(() => subject.inputValue()).toBe(VISIBLE);

    // Typing a subject (after the prefilled one is cleared) suggests the article, nothing hidden or internal.
    await page.getByRole('textbox', { name: tr('fa', 'guest.new.name') }).fill('Nima Guest');
    await page.getByRole('textbox', { name: tr('fa', 'guest.new.email') }).fill('nima.kb@example.com');
    await page.getByRole('combobox', { name: tr('fa', 'guest.new.department') }).click();
    await page.getByRole('option').first().click();
    await subject.fill('');
    await subject.pressSequentially(TYPED, { delay: 20 });
    const suggestion = page.getByTestId('kb-suggestion').filter({ hasText: VISIBLE });
    await suggestion.waitFor();
    const suggested = (await page.getByTestId('kb-suggestions').textContent()) ?? '';
    expect(suggested).not.toContain(HIDDEN);
    expect(suggested).not.toContain(INTERNAL);
    expect(await suggestion.getAttribute('target')).toBe('_blank');
    await a11y.check(page, 'guest form with suggestions (fa)');
    await shotFromTop(page, 'kb-guest-suggestions-fa-desktop');

    // Opened in a new tab with the form's session; the form is still there when the guest comes back.
    const [tab, opened] = await Promise.all([
      context.waitForEvent('page'),
      context.waitForEvent('response', (r) => r.url().includes('/api/v1/public/kb/articles/')),
      suggestion.click(),
    ]);
    expect(opened.status()).toBe(200);
    const session = new URL(opened.url()).searchParams.get('suggestion');
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    await tab.getByTestId('help-article-title').filter({ hasText: VISIBLE }).waitFor();
    await tab.close();
    await page.bringToFront();
    expect(await subject.inputValue()).toBe(TYPED);

    const editor = page.getByRole('textbox', { name: tr('fa', 'guest.new.body'), exact: true });
    await editor.click();
    await page.keyboard.type('The article did not help: the printer is not on the list.');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/tickets') && r.method() === 'POST');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/public/tickets') && r.request().method() === 'POST',
    );
    await page.getByTestId('guest-submit').click();
    expect((await sent).postDataJSON()).toMatchObject({ kbSession: session });
    expect((await answered).status()).toBe(201);
    await page.getByTestId('guest-tracking-code').waitFor();

    // One form: shown once, opened once, its ticket sent.
    const numbers = await admin.get<{ shown: number; opened: number; ticketsSent: number; topArticles: Article[] }>(
      '/kb/deflection',
    );
    expect(numbers).toMatchObject({ shown: 1, opened: 1, ticketsSent: 1 });
    expect(numbers.topArticles[0]).toMatchObject({ slug: article.slug });

    expect(guest.errors).toEqual([]);
    await context.close();
  });

  it('the help centre in English and on a phone', async () => {
    for (const screen of ['desktop', 'phone'] as const) {
      const person = await newPerson(browser, server.base, screen);
      const { page } = person;
      for (const lang of ['en', 'fa'] as const) {
        if (screen === 'desktop' && lang === 'fa') continue;
        await page.goto('/help');
        await switchLanguage(page, lang);
        await settled(page);
        await page.getByTestId('help-group').first().waitFor();
        await a11y.check(page, `help centre (${lang}, ${screen})`);
        await shotFromTop(page, `kb-help-home-${lang}-${screen}`);

        await page.getByTestId('help-group').filter({ hasText: GROUP }).click();
        await page.waitForURL((u) => u.pathname === `/help/groups/${group.id}`);
        await page.getByTestId('help-group').filter({ hasText: SUBGROUP }).click();
        await page.getByTestId('help-article-link').filter({ hasText: VISIBLE }).waitFor();
        await settled(page);
        expect(await page.title()).toBe(`${SUBGROUP} · ${workspaceTitle}`);
        await shotFromTop(page, `kb-help-group-${lang}-${screen}`);

        await page.getByTestId('help-search').fill('چاپگر شبکه');
        await page.getByTestId('help-results-title').waitFor();
        await page.getByTestId('help-article-link').filter({ hasText: VISIBLE }).waitFor();
        await settled(page);
        await shotFromTop(page, `kb-help-search-${lang}-${screen}`);

        await page.getByTestId('help-article-link').filter({ hasText: VISIBLE }).click();
        await page.getByTestId('help-article-title').waitFor();
        await settled(page);
        await a11y.check(page, `help article (${lang}, ${screen})`);
        await shotFromTop(page, `kb-help-article-${lang}-${screen}`);

        await page.goto('/guest/new');
        await settled(page);
        await page.getByRole('textbox', { name: tr(lang, 'guest.new.subject') }).pressSequentially('چاپگر شبکه', {
          delay: 20,
        });
        await page.getByTestId('kb-suggestion').first().waitFor();
        await shotFromTop(page, `kb-guest-suggestions-${lang}-${screen}`);
      }
      expect(person.errors).toEqual([]);
      await person.context.close();
    }
  });

  it("a customer's portal form suggests the article too, prefilled from the help centre, and sends the form's session", async () => {
    const person = await newPerson(browser, server.base);
    const { page } = person;
    await signIn(page, 'ali');
    await page.goto(`/help/articles/${encodeURIComponent(article.slug)}`);
    await page.getByTestId('help-article-title').waitFor();
    // Signed in, "still need help?" leads to the portal's form.
    await page.getByTestId('help-new-ticket').click();
    await page.waitForURL((u) => u.pathname === '/portal/new' && u.searchParams.get('subject') === VISIBLE);
    const subject = page.getByTestId('new-ticket-subject').locator('input');
    await expect.poll(() => subject.inputValue()).toBe(VISIBLE);
    await page.getByTestId('kb-suggestion').filter({ hasText: VISIBLE }).waitFor();
    await settled(page);
    await a11y.check(page, 'portal form with suggestions (fa)');
    await shotFromTop(page, 'kb-portal-suggestions-fa-desktop');

    const customer = await ApiClient.login(server.base, 'ali');
    const departments = await customer.get<{ items: Array<{ name: string }> }>('/departments');
    await chooseOption(page, page.getByTestId('new-ticket-department'), departments.items[0].name);
    await typeInEditor(richEditor(page, tr('fa', 'portal.new.body')), 'Still no luck with the printer.');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/tickets') && r.method() === 'POST');
    await page.getByTestId('new-ticket-submit').click();
    const payload = (await sent).postDataJSON() as { kbSession?: string; subject: string };
    expect(payload.subject).toBe(VISIBLE);
    expect(payload.kbSession).toMatch(/^[0-9a-f-]{36}$/);
    await page.waitForURL((u) => /^\/portal\/tickets\/\d+$/.test(u.pathname));
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('an agent links an article from the reply box (never an internal one in a reply), and the admin sees the numbers', async () => {
    const person = await newPerson(browser, server.base);
    const { page } = person;
    await signIn(page, 'admin');
    const { items } = await admin.get<{ items: Array<{ number: number }> }>('/tickets', { pageSize: 1 });
    await page.goto(`/agent/tickets/${items[0].number}`);
    await page.getByTestId('reply-box').waitFor();
    await page.getByTestId('insert-article').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('insert-article-search').fill('چاپگر شبکه');
    const options = dialog.getByTestId('insert-article-option');
    await options.filter({ hasText: INTERNAL }).waitFor();
    // Staff see the internal one, marked, and cannot put it in a reply to the customer.
    expect(await options.filter({ hasText: INTERNAL }).getAttribute('aria-disabled')).toBe('true');
    expect(await options.filter({ hasText: INTERNAL }).textContent()).toContain(tr('fa', 'kbLink.internal'));
    await a11y.check(page, 'insert article dialog (fa)');
    await shotFromTop(page, 'kb-agent-insert-link-fa-desktop');
    await options.filter({ hasText: VISIBLE }).click();
    await dialog.waitFor({ state: 'detached' });
    const editorLink = page.getByTestId('reply-editor').locator('a');
    await editorLink.waitFor();
    expect(await editorLink.textContent()).toBe(VISIBLE);
    expect(await editorLink.getAttribute('href')).toBe(
      `${server.base}/help/articles/${encodeURIComponent(article.slug)}`,
    );

    // The dashboard's deflection card (the forms of the tests before count too).
    const numbers = await admin.get<Record<string, number>>('/kb/deflection');
    for (const lang of ['fa', 'en'] as const) {
      await page.goto('/agent');
      await switchLanguage(page, lang);
      await settled(page);
      const shown = page.getByTestId('deflection-shown');
      await shown.waitFor();
      for (const name of ['shown', 'opened', 'ticketsSent', 'ticketsAvoided'])
        expect(await page.getByTestId(`deflection-${name}`).getAttribute('data-value')).toBe(String(numbers[name]));
      expect(numbers.shown).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('deflection-top').textContent()).toContain(VISIBLE);
      await page.getByTestId('deflection-top').scrollIntoViewIfNeeded();
      await a11y.check(page, `dashboard with deflection (${lang})`);
      await shotFromTop(page, `kb-dashboard-deflection-${lang}-desktop`);
    }
    await switchLanguage(page, 'fa');
    expect(person.errors).toEqual([]);
    await person.context.close();
    a11y.assertNone();
  });
});
