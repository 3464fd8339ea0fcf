import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, type Person } from './helpers/browser';
import { overflow, richEditor, settled, shotViewport, softA11y, switchLanguage, tr, webEnv } from './helpers/flows';
import {
  BIG,
  COMMAND,
  GROUP,
  HEADING,
  LINKED,
  NO_KB,
  STEPS,
  SUBGROUP,
  TITLE,
  backInEditor,
  isCall,
  pick,
  png,
  type Article,
  type Group,
} from './helpers/kb-admin';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Issue 17, staff side (seed 001): in Persian, an admin makes a group with a picture and the
 * capability, a subgroup (its own picture, from «لیست زیرگروه‌ها» and «+»), and writes an article
 * full screen (Ctrl+Shift+F): heading, list, bigger font, a left-to-right line, a table with a row
 * added; turns «وضعیت نمایش» on and saves. The saved HTML (through the API) holds it, reopening
 * shows it. A group without the capability cannot be picked; a refused save shows the server's
 * message on its field; leaving unsaved asks first. An agent without `kb.manage` reads but cannot
 * write. Screenshots in Persian, English and on a phone.
 */

describe('knowledge base: staff screens', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;
  let group: Group;
  let subgroup: Group;
  let noKb: Group;
  let article: Article;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function person(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const p = await signedInPerson(browser, server.base, who, screen);
    people.push(p);
    return p.page;
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
    // A group without the capability: listed in the article's group picker, but not choosable.
    noKb = await api.post<Group>('/kb/groups', { name: NO_KB, kb: false, position: 50 });
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('in Persian, an admin makes a group and a subgroup with pictures, and writes an article full screen', async () => {
    const page = await person('admin');
    await page.goto('/agent/kb');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'kbAdmin.title'), exact: true }).waitFor();
    await settled(page);
    expect(await page.locator('nav a[href="/agent/kb"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('nav a[href="/agent/kb"]').textContent()).toBe(tr('fa', 'nav.kb'));

    // The group: a name, a picture, the capability (on by default) and shown.
    await page.getByTestId('kb-tab-groups').click();
    await page.getByTestId(`kb-group-${noKb.id}`).waitFor();
    await page.getByTestId(`kb-group-nokb-${noKb.id}`).waitFor();
    await page.getByTestId('kb-new-group').click();
    await page.getByTestId('kb-group-name').fill(GROUP);
    const imageSent = page.waitForResponse(isCall(/^\/api\/v1\/kb\/images$/, 'POST'));
    await page.getByTestId('kb-group-image-file').setInputFiles(png('network.png'));
    const image = (await (await imageSent).json()) as { id: string; url: string };
    await page.getByTestId('kb-group-image-preview').locator(`img[src="${image.url}"]`).waitFor();
    expect(await page.getByTestId('kb-group-kb').isChecked()).toBe(true);
    expect(await page.getByTestId('kb-group-visible').isChecked()).toBe(true);
    await shotViewport(page, 'kb-admin-group-dialog-fa');
    const created = page.waitForResponse(isCall(/^\/api\/v1\/kb\/groups$/, 'POST'));
    await page.getByTestId('admin-dialog-save').click();
    const groupRes = await created;
    expect(groupRes.status()).toBe(201);
    group = (await groupRes.json()) as Group;
    expect(group).toMatchObject({ name: GROUP, parentId: null, imageId: image.id, kb: true, visible: true });
    await page
      .getByTestId('admin-notice')
      .filter({ hasText: tr('fa', 'kbAdmin.savedNotice') })
      .waitFor();

    // The subgroup, from the group's list of subgroups and its «+».
    const card = page.getByTestId(`kb-group-${group.id}`);
    await card.locator(`img[src="${image.url}"]`).waitFor();
    await card.getByTestId(`kb-group-subgroups-${group.id}`).click();
    await card.getByText(tr('fa', 'kbAdmin.groups.noSubgroups')).waitFor();
    await card.getByTestId(`kb-group-add-sub-${group.id}`).click();
    await page.getByRole('heading', { name: tr('fa', 'kbAdmin.groups.newSubgroup') }).waitFor();
    await page.getByTestId('kb-group-name').fill(SUBGROUP);
    const subImageSent = page.waitForResponse(isCall(/^\/api\/v1\/kb\/images$/, 'POST'));
    await page.getByTestId('kb-group-image-file').setInputFiles(png('printer.png'));
    const subImage = (await (await subImageSent).json()) as { id: string; url: string };
    const subCreated = page.waitForResponse(isCall(/^\/api\/v1\/kb\/groups$/, 'POST'));
    await page.getByTestId('admin-dialog-save').click();
    subgroup = (await (await subCreated).json()) as Group;
    expect(subgroup).toMatchObject({ name: SUBGROUP, parentId: group.id, imageId: subImage.id, kb: true });
    const subRow = card.getByTestId(`kb-group-${subgroup.id}`);
    await subRow.locator(`img[src="${subImage.url}"]`).waitFor();
    expect(await card.getByTestId(`kb-group-subgroups-${group.id}`).textContent()).toContain('۱');
    await settled(page);
    await a11y.check(page, 'kb groups (fa)');
    await shot(page, 'kb-admin-groups-fa');

    // A new article: the group without the capability is offered but cannot be chosen.
    await page.getByTestId('kb-tab-articles').click();
    await page.getByTestId('kb-new-article').click();
    await page.waitForURL('**/agent/kb/articles/new');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'kbAdmin.editor.newTitle') }).waitFor();
    await settled(page);
    const editor = richEditor(page, tr('fa', 'kbAdmin.editor.body'));
    await editor.waitFor();
    expect(await editor.getAttribute('dir')).toBe('rtl');

    // Saved with no title and no group: the server's messages show on their fields.
    const refused = page.waitForResponse(isCall(/^\/api\/v1\/kb\/articles$/, 'POST'));
    await page.getByTestId('kb-article-save').click();
    expect((await refused).status()).toBe(400);
    await page.locator('[data-testid="kb-article-title"][aria-invalid="true"]').waitFor();

    await page.getByTestId('kb-article-title').fill(TITLE);
    await page.getByTestId('kb-article-group').click();
    const off = page.getByTestId(`kb-group-option-${noKb.id}`);
    expect(await off.getAttribute('aria-disabled')).toBe('true');
    expect(await off.textContent()).toContain(tr('fa', 'kbAdmin.editor.groupNoKb'));
    await page.getByTestId(`kb-group-option-${subgroup.id}`).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByTestId('kb-article-summary').fill('نصب و تنظیم چاپگر شبکه روی ویندوز');
    await page.getByTestId('kb-article-keywords').pressSequentially('چاپگر،شبکه،');
    await page.getByRole('button', { name: 'شبکه', exact: true }).waitFor();

    // Full screen with Ctrl+Shift+F: the advanced toolbar is all there.
    await editor.click();
    await page.keyboard.press('Control+Shift+KeyF');
    const full = page.getByTestId('kb-fullscreen-dialog');
    const body = () => full.getByTestId('kb-body');
    await full.getByRole('dialog').waitFor();
    await full.getByTestId('kb-body').waitFor();
    await expect
      .poll(() => full.getByTestId('kb-body').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    for (const tool of ['kb-tool-font', 'kb-tool-size', 'kb-tool-table', 'kb-tool-image', 'kb-tool-rtl', 'kb-tool-ltr'])
      await full.getByTestId(tool).waitFor();

    // A heading.
    await pick(page, 'kb-tool-block', 'kb-block-h2');
    await page.keyboard.type(HEADING);
    await page.keyboard.press('Enter');
    // A line in a bigger font and another face, set before typing; the next line goes back to the defaults.
    await pick(page, 'kb-tool-size', 'kb-size-20');
    await pick(page, 'kb-tool-font', 'kb-font-Tahoma');
    expect(await full.getByTestId('kb-tool-font').textContent()).toBe(tr('fa', 'editor.font_Tahoma'));
    await page.keyboard.type(BIG);
    await page.keyboard.press('Enter');
    await pick(page, 'kb-tool-size', 'kb-size-default');
    await pick(page, 'kb-tool-font', 'kb-font-default');
    expect(await full.getByTestId('kb-tool-size').textContent()).toBe(tr('fa', 'editor.sizeDefault'));
    // A list.
    await full.getByTestId('kb-tool-bulletList').click();
    await page.keyboard.type(STEPS[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.type(STEPS[1]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // A left-to-right line inside the Persian article.
    await page.keyboard.type(COMMAND);
    await full.getByTestId('kb-tool-ltr').click();
    expect(await full.getByTestId('kb-tool-ltr').getAttribute('aria-pressed')).toBe('true');
    // The next line takes the direction along; pressed again, it follows the article's again.
    await page.keyboard.press('Enter');
    expect(await full.getByTestId('kb-tool-ltr').getAttribute('aria-pressed')).toBe('true');
    await full.getByTestId('kb-tool-ltr').click();
    expect(await full.getByTestId('kb-tool-ltr').getAttribute('aria-pressed')).toBe('false');
    // A link, with its text typed in the link's dialog.
    await full.getByTestId('kb-tool-link').click();
    await page.getByTestId('kb-link-href').fill('example.com/driver');
    await page.getByTestId('kb-link-text').fill(LINKED);
    await page.getByTestId('kb-link-save').click();
    await page.getByTestId('kb-link-href').waitFor({ state: 'detached' });
    await backInEditor(page);
    await body().locator('a[href="https://example.com/driver"]', { hasText: LINKED }).waitFor();
    await page.keyboard.press('Enter');
    // A picture, sent through POST /kb/images; typing goes on below it.
    const pictureSent = page.waitForResponse(isCall(/^\/api\/v1\/kb\/images$/, 'POST'));
    await full.getByTestId('kb-image-file').setInputFiles(png('diagram.png'));
    const picture = (await (await pictureSent).json()) as { id: string; url: string };
    await body().locator(`img[src="${picture.url}"]`).waitFor();
    await backInEditor(page);
    // A table, and a row added to it.
    await pick(page, 'kb-tool-table', 'kb-table-insertTable');
    await page.keyboard.type('تنظیم');
    await page.keyboard.press('Tab');
    await page.keyboard.type('مقدار');
    await pick(page, 'kb-tool-table', 'kb-table-addRowAfter');
    await body().locator('h2', { hasText: HEADING }).waitFor();
    await body().locator('span[style*="font-size: 20px"][style*="font-family: Tahoma"]', { hasText: BIG }).waitFor();
    await body().locator('p[dir="ltr"]', { hasText: COMMAND }).waitFor();
    expect(await body().locator('ul > li').count()).toBe(2);
    expect(await body().locator('table tr').count()).toBe(4);
    await shotViewport(page, 'kb-admin-fullscreen-fa');
    await a11y.check(page, 'kb editor full screen (fa)');

    // Esc leaves full screen; the text is back on the page.
    await page.keyboard.press('Escape');
    await full.getByRole('dialog').waitFor({ state: 'detached' });
    await editor.locator('h2', { hasText: HEADING }).waitFor();

    // «وضعیت نمایش» on, then save.
    await page.getByTestId('kb-article-visible').check();
    const saved = page.waitForResponse(isCall(/^\/api\/v1\/kb\/articles$/, 'POST'));
    await page.getByTestId('kb-article-save').click();
    const savedRes = await saved;
    expect(savedRes.status()).toBe(201);
    article = (await savedRes.json()) as Article;
    await page.waitForURL(`**/agent/kb/articles/${article.id}`);
    await page
      .getByTestId('admin-notice')
      .filter({ hasText: tr('fa', 'kbAdmin.createdNotice') })
      .waitFor();
    await page
      .getByTestId('kb-article-state')
      .filter({ hasText: tr('fa', 'kbAdmin.editor.allSaved') })
      .waitFor();

    // What the server kept.
    const stored = await api.get<Article>(`/kb/articles/${article.id}`);
    expect(stored).toMatchObject({
      groupId: subgroup.id,
      title: TITLE,
      visible: true,
      internal: false,
      locale: 'fa',
      keywords: ['چاپگر', 'شبکه'],
    });
    expect(stored.slug.length).toBeGreaterThan(0);
    expect(stored.body).toContain(`<h2>${HEADING}</h2>`);
    expect(stored.body).toMatch(new RegExp(`<span style="font-family: ?Tahoma; ?font-size: ?20px;?">${BIG}</span>`));
    expect(stored.body).toMatch(/<ul>\s*<li>/);
    expect(stored.body).toContain(STEPS[1]);
    expect(stored.body).toContain(`<p dir="ltr">${COMMAND}</p>`);
    expect(stored.body).toMatch(/<table>[\s\S]*<th[\s>][\s\S]*تنظیم[\s\S]*<\/table>/);
    expect(stored.body.match(/<tr>/g)?.length).toBe(4);
    expect(stored.body).toMatch(/<a [^>]*href="https:\/\/example\.com\/driver"[^>]*>[^<]*<\/a>/);
    expect(stored.body).toContain(LINKED);
    expect(stored.body).toMatch(new RegExp(`<img [^>]*src="${picture.url.replace(/[?.]/g, '\\$&')}"`));
    await shot(page, 'kb-admin-article-saved-fa');

    // Reopened: the content is all there.
    await page.reload();
    await settled(page);
    const again = richEditor(page, tr('fa', 'kbAdmin.editor.body'));
    await again.locator('h2', { hasText: HEADING }).waitFor();
    expect(await again.locator('table tr').count()).toBe(4);
    expect(await again.locator('ul > li').count()).toBe(2);
    expect(await again.locator('p[dir="ltr"]').textContent()).toBe(COMMAND);
    await again.locator(`img[src="${picture.url}"]`).waitFor();
    await again.locator('a[href="https://example.com/driver"]').waitFor();
    expect(await page.getByTestId('kb-article-slug').inputValue()).toBe(stored.slug);
    expect(await page.getByTestId('kb-article-state').textContent()).toBe(tr('fa', 'kbAdmin.editor.allSaved'));

    // A change saved in place: the cursor's page stays, the notice says so.
    await page.getByTestId('kb-article-summary').fill('نصب چاپگر شبکه روی ویندوز ۱۱');
    expect(await page.getByTestId('kb-article-state').textContent()).toBe(tr('fa', 'kbAdmin.editor.unsaved'));
    const patched = page.waitForResponse(isCall(/^\/api\/v1\/kb\/articles\/\d+$/, 'PATCH'));
    await page.getByTestId('kb-article-save').click();
    expect((await patched).status()).toBe(200);
    await page
      .getByTestId('admin-notice')
      .filter({ hasText: tr('fa', 'kbAdmin.savedNotice') })
      .waitFor();
    await page
      .getByTestId('kb-article-state')
      .filter({ hasText: tr('fa', 'kbAdmin.editor.allSaved') })
      .waitFor();
    expect((await api.get<Article & { summary: string }>(`/kb/articles/${article.id}`)).summary).toBe(
      'نصب چاپگر شبکه روی ویندوز ۱۱',
    );

    // Leaving with an unsaved change asks first.
    await page.getByTestId('kb-article-title').fill(`${TITLE} (پیش‌نویس)`);
    await page.getByTestId('kb-article-back').click();
    await page.getByTestId('discard-dialog').waitFor();
    await page.getByTestId('discard-keep').click();
    expect(new URL(page.url()).pathname).toBe(`/agent/kb/articles/${article.id}`);
    await page.getByTestId('kb-article-back').click();
    await page.getByTestId('discard-confirm').click();
    await page.waitForURL((u) => u.pathname === '/agent/kb');

    // In the list, with its chips and its group.
    const row = page.getByTestId('kb-articles').getByTestId(`admin-row-${article.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.textContent()).toContain(tr('fa', 'kbAdmin.visible'));
    expect(await row.textContent()).toContain(`${GROUP} › ${SUBGROUP}`);
    // Searched with ?q= it is found; another word finds nothing.
    await page.getByTestId('kb-article-search').fill('چاپگر');
    await page.waitForURL((u) => u.searchParams.get('q') === 'چاپگر');
    await row.waitFor();
    await settled(page);
    await a11y.check(page, 'kb articles (fa)');
    await shot(page, 'kb-admin-articles-fa');
  });

  it('in English, the lists and the editor read in English', async () => {
    const page = await person('admin');
    await page.goto('/agent/kb');
    await page.locator('main h1').first().waitFor();
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: tr('en', 'kbAdmin.title') }).waitFor();
    await page.getByTestId(`admin-row-${article.id}`).waitFor();
    await settled(page);
    await a11y.check(page, 'kb articles (en)');
    await shot(page, 'kb-admin-articles-en');
    await page.getByTestId('kb-tab-groups').click();
    await page.getByTestId(`kb-group-subgroups-${group.id}`).click();
    await page.getByTestId(`kb-group-${subgroup.id}`).waitFor();
    await settled(page);
    await shot(page, 'kb-admin-groups-en');
    await page.goto(`/agent/kb/articles/${article.id}`);
    await page.getByRole('heading', { level: 1, name: tr('en', 'kbAdmin.editor.editTitle') }).waitFor();
    await settled(page);
    await page.getByTestId('kb-advanced').check();
    await page.getByTestId('kb-tool-table').waitFor();
    await a11y.check(page, 'kb editor (en)');
    await shot(page, 'kb-admin-editor-en');
    // Back to Persian for the people after (the choice is saved on the account).
    await switchLanguage(page, 'fa');
  });

  it('on a phone, the lists and the editor fit the screen', async () => {
    const page = await person('admin', 'phone');
    for (const [path, name] of [
      ['/agent/kb', 'articles'],
      ['/agent/kb?tab=groups', 'groups'],
      [`/agent/kb/articles/${article.id}`, 'editor'],
    ] as const) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await settled(page);
      if (name === 'groups') await page.getByTestId(`kb-group-${group.id}`).waitFor();
      if (name === 'editor') await richEditor(page, tr('fa', 'kbAdmin.editor.body')).locator('table').waitFor();
      const o = await overflow(page);
      expect(o.by, `${name}: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(1);
      await shot(page, `kb-admin-${name}-fa-phone`);
    }
    // Full screen on a phone too.
    await richEditor(page, tr('fa', 'kbAdmin.editor.body')).click();
    await page.getByTestId('kb-fullscreen').click();
    await page.getByTestId('kb-fullscreen-dialog').getByTestId('kb-body').waitFor();
    await shotViewport(page, 'kb-admin-fullscreen-fa-phone');
    await page.getByTestId('kb-fullscreen-exit').click();
    await page.getByTestId('kb-fullscreen-dialog').waitFor({ state: 'detached' });
  });

  it('an agent without kb.manage reads the knowledge base but cannot write in it', async () => {
    const page = await person('reza');
    await page.goto('/agent/kb');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'kbAdmin.title') }).waitFor();
    await page.getByTestId(`admin-row-${article.id}`).waitFor();
    expect(await page.getByTestId('kb-new-article').count()).toBe(0);
    expect(await page.getByTestId(`kb-article-edit-${article.id}`).count()).toBe(0);
    await page.getByTestId('kb-tab-groups').click();
    await page.getByTestId(`kb-group-${group.id}`).waitFor();
    expect(await page.getByTestId('kb-new-group').count()).toBe(0);
    expect(await page.getByTestId(`kb-group-edit-${group.id}`).count()).toBe(0);
    await page.goto(`/agent/kb/articles/${article.id}`);
    const reader = page.getByTestId('kb-article-reader');
    await reader.locator('h2', { hasText: HEADING }).waitFor();
    expect(await reader.locator('table tr').count()).toBe(4);
    expect(await page.getByTestId('kb-article-save').count()).toBe(0);
    expect(await page.getByTestId('kb-toolbar').count()).toBe(0);
    await page.goto('/agent/kb/articles/new');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'errors.forbiddenTitle') }).waitFor();
    expect(await page.getByTestId('kb-article-form').count()).toBe(0);
  });
});
