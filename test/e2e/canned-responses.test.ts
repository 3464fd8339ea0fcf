import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, launchBrowser, type Person } from './helpers/browser';
import {
  richEditor,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  webEnv,
  type Lang,
} from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

interface Message {
  kind: string;
  body: string;
}

/**
 * K6 in the browser: sara opens a ticket of ali's, types "/" and the shortcut in the reply box,
 * picks the response with the keyboard and sends it; the reply in the thread shows the
 * placeholders filled for the ticket (escaped), in Persian. Then the button opens the same picker
 * in English, Esc leaves the "/" as typed, and on a phone sara writes a personal response on the
 * management page (sharing is for managers only). Screenshots fa, en and phone, each checked by axe.
 */
/** The editor's text with every run of spaces (no-break ones too) as one space. */
const textOf = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ');
/** The id of what has the keyboard. */
const focusedId = (page: Page) =>
  page.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;

describe('canned responses', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: ApiClient;
  let number = 0;
  let departmentName = '';
  const subject = 'چاپگر طبقهٔ دوم <کار نمی‌کند> & خاموش است';
  const people: Person[] = [];
  const a11y = softA11y();

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    const admin = await ApiClient.login(server.base, 'admin');
    sara = await ApiClient.login(server.base, 'sara');
    const saraMe = await sara.get<{ user: { departmentIds: string[] } }>('/auth/me');
    const ali = await ApiClient.login(server.base, 'ali');
    const departments = await ali.get<{ items: Array<{ id: string; name: string }> }>('/departments', {
      pageSize: 100,
    });
    const department = departments.items.find((d) => saraMe.user.departmentIds.includes(d.id));
    if (!department) throw new Error('ali can write to none of sara’s departments');
    departmentName = department.name;
    number = (
      await ali.post<{ number: number }>('/tickets', {
        departmentId: department.id,
        subject,
        body: '<p>از صبح چاپگر طبقهٔ دوم چیزی چاپ نمی‌کند.</p>',
      })
    ).number;
    await admin.post('/canned-responses', {
      title: 'پیگیری چاپگر',
      shortcut: 'چاپگر',
      shared: true,
      departmentIds: [],
      body: '<p>سلام {{requester.name}}، درخواست شمارهٔ {{ticket.number}} («{{ticket.subject}}») در بخش {{ticket.department}} بررسی شد.</p>',
    });
    await admin.post('/canned-responses', {
      title: 'Closing note',
      shortcut: 'bye',
      shared: true,
      body: '<p>Thanks {{requester.name}}, {{agent.name}} closes ticket {{ticket.number}}.</p>',
    });
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => a11y.assertNone());

  async function saraIn(screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen);
    p.context.setDefaultTimeout(30_000);
    people.push(p);
    await sara.shareWith(p.context);
    return p;
  }
  const picker = (page: Page, lang: Lang) => page.getByRole('dialog', { name: tr(lang, 'canned.pickTitle') });
  async function openTicket(page: Page) {
    await page.goto(`/agent/tickets/${number}`);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByTestId('thread-message').first().waitFor();
  }

  it('fa: "/" and the shortcut, Enter inserts the filled response, and the sent reply shows it', async () => {
    const { page, errors } = await saraIn();
    await openTicket(page);
    const editor = richEditor(page, tr('fa', 'ticket.replyBody'));
    await editor.click();
    await editor.pressSequentially('با سلام ', { delay: 5 });
    await page.keyboard.type('/');
    const dialog = picker(page, 'fa');
    await dialog.waitFor();
    // The search has the keyboard: the shortcut narrows the list to the one response.
    await page.keyboard.type('چاپگر', { delay: 5 });
    const options = dialog.getByTestId('canned-option');
    await expect.poll(() => options.count()).toBe(1);
    await expect.poll(() => options.first().getAttribute('aria-selected')).toBe('true');
    await settled(page);
    await shotViewport(page, 'canned-picker-fa-desktop');
    await a11y.check(page, 'canned picker (fa)');

    const rendered = page.waitForResponse((r) => /\/api\/v1\/canned-responses\/\d+\/render/.test(r.url()));
    await page.keyboard.press('Enter');
    expect((await rendered).status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedId(page)).toBe('reply-editor-input');
    const filled = `سلام علی محمدی، درخواست شمارهٔ ${number} («${subject}») در بخش ${departmentName} بررسی شد.`;
    await expect.poll(() => textOf(editor)).toContain(filled);
    // The "/" that opened the picker is gone; the words before it stay.
    expect(await textOf(editor)).toMatch(/^با سلام /);
    expect(await textOf(editor)).not.toContain('/');

    const sent = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/tickets/${number}/messages` && r.request().method() === 'POST',
    );
    await page.getByTestId('reply-submit').click();
    expect((await sent).status()).toBeLessThan(300);
    const thread = page.getByTestId('thread-message');
    await expect.poll(() => thread.count()).toBe(2);
    await expect.poll(() => textOf(thread.nth(1))).toContain(filled);
    // Stored escaped: the subject's "<" and "&" are text, not markup.
    const messages = await sara.get<{ items: Message[] }>(`/tickets/${number}/messages`);
    expect(messages.items[1].body).toContain('&lt;کار نمی‌کند&gt; &amp; خاموش است');
    await shotFromTop(page, 'canned-reply-fa-desktop');
    await a11y.check(page, 'ticket after a canned reply (fa)');
    expect(errors).toEqual([]);
  });

  it('en: the button opens the picker, arrows and Enter insert at the cursor; Esc leaves the "/" typed', async () => {
    const { page, errors } = await saraIn();
    await openTicket(page);
    await switchLanguage(page, 'en');
    const editor = richEditor(page, tr('en', 'ticket.replyBody'));
    await editor.click();
    await editor.pressSequentially('Hello. ', { delay: 5 });

    const button = page.getByTestId('canned-open');
    await button.hover();
    await page.getByRole('tooltip', { name: tr('en', 'canned.buttonHint') }).waitFor();
    await button.click();
    const dialog = picker(page, 'en');
    await dialog.waitFor();
    const options = dialog.getByTestId('canned-option');
    // The demo's responses and ours, by title: "Closing note" (Latin) comes first.
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(3);
    const count = await options.count();
    await expect.poll(() => options.nth(0).textContent()).toContain('Closing note');
    const selected = () =>
      options.evaluateAll((els) => els.findIndex((e) => e.getAttribute('aria-selected') === 'true'));
    await expect.poll(selected).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(selected).toBe(1);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps to the last
    await expect.poll(selected).toBe(count - 1);
    await page.keyboard.press('ArrowDown'); // and back to the first
    await expect.poll(selected).toBe(0);
    await settled(page);
    await shotViewport(page, 'canned-picker-en-desktop');
    await a11y.check(page, 'canned picker (en)');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => textOf(editor)).toContain(`Hello. Thanks علی محمدی, سارا احمدی closes ticket ${number}.`);

    // The keyboard is back in the editor, after the inserted text.
    await expect.poll(() => focusedId(page)).toBe('reply-editor-input');
    // "/" then Esc: the picker closes and the "/" stays where it was typed.
    await page.keyboard.type(' /');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => textOf(editor)).toMatch(/ \/$/);
    await expect.poll(() => focusedId(page)).toBe('reply-editor-input');
    // And "/" inside a word ("and/or") opens nothing.
    await page.keyboard.type('and/or');
    await expect.poll(() => textOf(editor)).toMatch(/and\/or$/);
    expect(await dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('phone: sara writes a personal response on the management page; sharing is for managers', async () => {
    const { page, errors } = await saraIn('phone');
    await page.goto('/agent/canned-responses');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'canned.title') }).waitFor();
    await settled(page);
    await page.getByTestId('admin-create').click();
    const dialog = page.getByRole('dialog', { name: tr('fa', 'canned.new') });
    await dialog.waitFor();
    await dialog.getByTestId('canned-title').fill('پاسخ شخصی من');
    await dialog.getByTestId('canned-shortcut').fill('شخصي'); // Arabic yeh: stored folded
    const body = richEditor(dialog, tr('fa', 'canned.body'));
    await body.click();
    await body.pressSequentially('ممنون از صبر شما ', { delay: 5 });
    await dialog.getByTestId('canned-ph-requester.name').click();
    await expect.poll(() => body.textContent()).toContain('{{requester.name}}');
    // Not a manager: the switch is off and locked.
    const sharedSwitch = dialog.getByTestId('canned-shared');
    expect(await sharedSwitch.isChecked()).toBe(false);
    expect(await sharedSwitch.isDisabled()).toBe(true);
    await shotViewport(page, 'canned-dialog-fa-phone');
    await a11y.check(page, 'canned dialog (fa, phone)');
    const saved = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/canned-responses' && r.request().method() === 'POST',
    );
    await dialog.getByTestId('admin-dialog-save').click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('پاسخ شخصی من').first().waitFor();
    await page.getByText('/شخصی').first().waitFor();
    await settled(page);
    await shotFromTop(page, 'canned-page-fa-phone');
    await a11y.check(page, 'canned responses page (fa, phone)');
    const mine = await sara.get<{ items: Array<{ title: string; shared: boolean; body: string }> }>(
      '/canned-responses',
      { scope: 'personal' },
    );
    expect(mine.items).toEqual([
      expect.objectContaining({
        title: 'پاسخ شخصی من',
        shared: false,
        body: expect.stringContaining('{{requester.name}}'),
      }),
    ]);
    expect(errors).toEqual([]);
  });
});
