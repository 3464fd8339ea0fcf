import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, htmlLangDir, launchBrowser, newPerson, shot } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { setLang, settled, tr } from './helpers/flows';

/**
 * F4 and J1 in the browser: a guest sends a request without an account, follows it with the
 * number and tracking code from another browser and answers in it; a wrong code shows nothing of
 * the ticket; the public announcement and the suspension notice reach the guest pages.
 */

const textOf = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

describe('guest tickets', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  /** The ticket the first test creates, for the later ones. */
  let created: { number: number; code: string; subject: string } | undefined;

  beforeAll(async () => {
    // E2E_WEB_DIR serves a private build of the web app (while others rebuild dist/web).
    server = await startServer({ env: process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {} });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a guest sends a request, gets number and code, follows it from another browser and replies; a wrong code finds nothing', async () => {
    const subject = `Printer on floor 3 ${Date.now()}`;
    const body = 'The printer in room 312 prints blank pages since Monday.';
    const guest = await newPerson(browser, server.base);
    const { page } = guest;
    await page.goto('/guest/new');
    await page.getByTestId('guest-submit').waitFor();
    await settled(page);
    expect(await htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });

    await page.getByRole('textbox', { name: tr('fa', 'guest.new.name') }).fill('Nima Guest');
    await page.getByRole('textbox', { name: tr('fa', 'guest.new.email') }).fill('nima.guest@example.com');
    await page.getByRole('combobox', { name: tr('fa', 'guest.new.department') }).click();
    // The public form offers only departments open to everyone: the demo's «پشتیبانی فنی» and «فروش».
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect(await options.count()).toBeGreaterThan(0);
    await options.first().click();
    await page.getByRole('textbox', { name: tr('fa', 'guest.new.subject') }).fill(subject);
    const editor = page.getByRole('textbox', { name: tr('fa', 'guest.new.body'), exact: true });
    await editor.click();
    await page.keyboard.type(body);
    await expect.poll(() => editor.textContent()).toContain(body);

    const sent = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/public/tickets') && r.request().method() === 'POST',
    );
    await page.getByTestId('guest-submit').click();
    expect((await sent).status()).toBe(201);
    await page.getByTestId('guest-tracking-code').waitFor();
    const number = Number(await page.getByTestId('guest-ticket-number').getAttribute('data-value'));
    const code = await textOf(page, 'guest-tracking-code');
    expect(number).toBeGreaterThan(0);
    // 12 characters of Crockford base32, shown in groups of four (issue 14).
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // The number is shown in Persian digits in Persian.
    expect(await textOf(page, 'guest-ticket-number')).toBe(
      String(number).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]),
    );
    await checkA11y(page, 'guest ticket created (fa)');
    await shot(page, 'guest-created-fa-desktop');
    created = { number, code, subject };

    // The agents see it as a guest's ticket.
    const seen = await admin.get<{ subject: string; status: string }>(`/tickets/${number}`);
    expect(seen.subject).toBe(subject);

    // Another browser, knowing only the number and the code.
    const later = await newPerson(browser, server.base);
    const p2 = later.page;
    await p2.goto('/guest/track');
    await p2.getByTestId('track-submit').waitFor();
    await p2.getByTestId('track-number').locator('input').fill(String(number));
    await p2.getByTestId('track-code').locator('input').fill(code);
    await p2.getByTestId('track-submit').click();
    await p2.waitForURL((u) => u.pathname === `/guest/tickets/${number}`);
    await p2.getByRole('heading', { level: 1, name: subject }).waitFor();
    await settled(p2);
    expect(await p2.getByTestId('guest-ticket-number').getAttribute('data-value')).toBe(String(number));
    const messages = p2.getByTestId('thread-message');
    expect(await messages.count()).toBe(1);
    expect(await messages.first().textContent()).toContain(body);

    const reply = 'It still happens after restarting it.';
    const replyBox = p2.getByRole('textbox', { name: tr('fa', 'thread.reply.label'), exact: true });
    await replyBox.click();
    await p2.keyboard.type(reply);
    const posted = p2.waitForResponse(
      (r) => r.url().includes(`/api/v1/public/tickets/${number}/messages`) && r.request().method() === 'POST',
    );
    await p2.getByTestId('ticket-reply-submit').click();
    expect((await posted).status()).toBe(201);
    await expect.poll(() => messages.count()).toBe(2);
    expect(await p2.getByTestId('thread').textContent()).toContain(reply);
    // The composer is emptied for the next answer.
    await expect.poll(async () => ((await replyBox.textContent()) ?? '').trim()).toBe('');
    // ...and the agents have it too.
    const thread = await admin.get<{ items: unknown[] }>(`/tickets/${number}/messages`);
    expect(thread.items).toHaveLength(2);
    expect(JSON.stringify(thread.items[1])).toContain(reply);

    // A wrong code: a clear "not found", and nothing of the ticket.
    await p2.goto('/guest/track');
    await p2.getByTestId('track-number').locator('input').fill(String(number));
    await p2
      .getByTestId('track-code')
      .locator('input')
      .fill(`${code.slice(0, -4)}xxxx`);
    await p2.getByTestId('track-submit').click();
    await p2.getByRole('heading', { level: 1, name: tr('fa', 'guest.ticket.notFoundTitle') }).waitFor();
    await p2.getByText(tr('fa', 'guest.ticket.notFound'), { exact: true }).waitFor();
    await p2.getByRole('link', { name: tr('fa', 'guest.ticket.tryAgain') }).waitFor();
    const main = (await p2.locator('main').textContent()) ?? '';
    expect(main).not.toContain(subject);
    expect(main).not.toContain(body);
    expect(await p2.getByTestId('thread').count()).toBe(0);
    expect(await p2.getByTestId('guest-ticket-number').count()).toBe(0);
    await checkA11y(p2, 'guest ticket not found (fa)');
    await shot(p2, 'guest-not-found-fa-desktop');

    // A number that does not exist, with a real code, is the same "not found".
    await p2.goto(`/guest/tickets/${number + 1000}?code=${encodeURIComponent(code)}`);
    await p2.getByText(tr('fa', 'guest.ticket.notFound'), { exact: true }).waitFor();
    expect(await p2.getByTestId('thread').count()).toBe(0);

    expect([...guest.errors, ...later.errors]).toEqual([]);
    await guest.context.close();
    await later.context.close();
  });

  it('the guest form, tracking page and guest ticket page pass axe in Persian and English, on desktop and phone', async () => {
    expect(created, 'the first test creates the ticket').toBeDefined();
    const { number, code, subject } = created!;
    for (const screen of ['desktop', 'phone'] as const) {
      const person = await newPerson(browser, server.base, screen);
      const { page } = person;
      for (const lang of ['fa', 'en'] as const) {
        await page.goto('/guest/new');
        await page.getByTestId('guest-submit').waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'guest.new.title') }).waitFor();
        await settled(page);
        await checkA11y(page, `guest form (${lang}, ${screen})`);
        await shot(page, `guest-new-${lang}-${screen}`);

        await page.goto('/guest/track');
        await page.getByRole('heading', { level: 1, name: tr(lang, 'guest.track.title') }).waitFor();
        expect((await htmlLangDir(page)).lang, 'the language chosen stays after a reload').toBe(lang);
        // An empty submit names both fields' problems.
        await page.getByTestId('track-submit').click();
        await page.getByText(tr(lang, 'guest.track.numberInvalid')).waitFor();
        await page.getByText(tr(lang, 'guest.track.codeRequired')).waitFor();
        await checkA11y(page, `tracking page (${lang}, ${screen})`);
        await shot(page, `guest-track-${lang}-${screen}`);

        await page.goto(`/guest/tickets/${number}?code=${encodeURIComponent(code)}`);
        await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        await page.getByRole('heading', { level: 2, name: tr(lang, 'guest.ticket.replyTitle') }).waitFor();
        await settled(page);
        await checkA11y(page, `guest ticket page (${lang}, ${screen})`);
        await shot(page, `guest-ticket-${lang}-${screen}`);
      }
      expect(person.errors).toEqual([]);
      await person.context.close();
    }
  });

  it('the public announcement shows on the guest pages; a suspension shows its message and closes the guest form', async () => {
    const announcement = 'Maintenance on Friday from 10:00 to 12:00.';
    const suspensionMessage = 'Moving to a new server, back at 14:00.';
    const guest = await newPerson(browser, server.base);
    const { page } = guest;
    try {
      await admin.patch('/settings', { announcement });
      await page.goto('/guest/new');
      await page.getByTestId('guest-submit').waitFor();
      await page.getByTestId('announcement-banner').waitFor();
      expect(await textOf(page, 'announcement-banner')).toContain(announcement);
      expect(await page.getByTestId('suspension-banner').count()).toBe(0);
      await checkA11y(page, 'guest form with announcement (fa)');
      await shot(page, 'guest-announcement-fa-desktop');
      await page.goto('/guest/track');
      await page.getByTestId('track-submit').waitFor();
      expect(await textOf(page, 'announcement-banner')).toContain(announcement);
      if (created) {
        await page.goto(`/guest/tickets/${created.number}?code=${encodeURIComponent(created.code)}`);
        await page.getByRole('heading', { level: 1, name: created.subject }).waitFor();
        expect(await textOf(page, 'announcement-banner')).toContain(announcement);
      }

      await admin.patch('/settings', { suspended: true, suspensionMessage });
      for (const lang of ['fa', 'en'] as const) {
        await page.goto('/guest/new');
        await page.getByTestId('suspension-banner').waitFor();
        await setLang(page, lang);
        await expect.poll(() => textOf(page, 'suspension-banner')).toContain(tr(lang, 'banners.suspended'));
        expect(await textOf(page, 'suspension-banner')).toContain(suspensionMessage);
        expect(await page.getByTestId('suspension-banner').getAttribute('role')).toBe('alert');
        // The form is replaced by a notice that says why, with a way to sign in.
        await page.getByTestId('guest-form-closed').waitFor();
        expect(await textOf(page, 'guest-form-closed')).toContain(tr(lang, 'guest.new.suspended'));
        expect(await page.getByTestId('guest-submit').count()).toBe(0);
        expect(await page.getByRole('textbox').count()).toBe(0);
        // The announcement is still shown beside it.
        expect(await textOf(page, 'announcement-banner')).toContain(announcement);
        await checkA11y(page, `guest form while suspended (${lang})`);
        await shot(page, `guest-suspended-${lang}-desktop`);

        await page.goto('/guest/track');
        await page.getByTestId('track-submit').waitFor();
        expect(await textOf(page, 'suspension-banner')).toContain(suspensionMessage);
      }
      await setLang(page, 'fa');
    } finally {
      await admin.patch('/settings', { suspended: false, suspensionMessage: '', announcement: '' });
    }

    // Unsuspended and without an announcement: no banners, the form is back.
    await page.goto('/guest/new');
    await page.getByTestId('guest-submit').waitFor();
    expect(await page.getByTestId('suspension-banner').count()).toBe(0);
    expect(await page.getByTestId('announcement-banner').count()).toBe(0);
    expect(await page.getByTestId('guest-form-closed').count()).toBe(0);
    expect(guest.errors).toEqual([]);
    await guest.context.close();
  });
});
