import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, htmlLangDir, launchBrowser, newPerson, shot } from './helpers/browser';
import { faDigits, setLang, settled, tr, webEnv, type Lang } from './helpers/flows';
import { fitsPhone } from './helpers/mail';
import { startServer, type E2EServer } from './helpers/server';

/**
 * Issue 14, point 5: a guest keeps its ticket. After the guest form the page shows the number
 * and the code in groups of four, with buttons that copy the number, the code and the link, and
 * "e-mail me again", which answers with a translated confirmation; the mail with number, code
 * and link has already been sent. The guest ticket page offers the same; the tracking page takes
 * the code however it is typed. In Persian and English, on a desktop and a 360 px phone.
 */

const GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const textOf = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
// A string, not a function: the tests' TypeScript has no DOM types (see helpers/browser.ts).
const clipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

describe('guests keep their ticket', () => {
  let server: E2EServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The mails the server wrote to its outbox (no SMTP in these tests) for this address. */
  async function mailsTo(email: string) {
    const dir = join(server.dataDir, 'outbox');
    if (!existsSync(dir)) return [];
    const found = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
      const m = await simpleParser(readFileSync(join(dir, name)));
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      if (to.some((a) => a.value.some((v) => v.address === email))) found.push(m);
    }
    return found;
  }

  for (const screen of ['desktop', 'phone'] as const)
    for (const lang of ['fa', 'en'] as const)
      it(`the created page and the ticket page copy number, code and link and e-mail them again (${lang}, ${screen})`, async () => {
        const person = await newPerson(browser, server.base, screen);
        const { page, context } = person;
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
        const email = `guest.${lang}.${screen}.${Date.now()}@example.com`;
        const subject = `${lang === 'fa' ? 'چاپگر طبقهٔ دوم' : 'Second floor printer'} ${screen} ${Date.now()}`;

        await page.goto('/guest/new');
        await page.getByTestId('guest-submit').waitFor();
        await setLang(page, lang as Lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'guest.new.title') }).waitFor();
        await settled(page);
        await page.getByRole('textbox', { name: tr(lang, 'guest.new.name') }).fill('Nima Guest');
        await page.getByRole('textbox', { name: tr(lang, 'guest.new.email') }).fill(email);
        await page.getByRole('combobox', { name: tr(lang, 'guest.new.department') }).click();
        await page.getByRole('option').first().click();
        await page.getByRole('textbox', { name: tr(lang, 'guest.new.subject') }).fill(subject);
        const editor = page.getByRole('textbox', { name: tr(lang, 'guest.new.body'), exact: true });
        await editor.click();
        await page.keyboard.type('The printer prints blank pages.');
        await page.getByTestId('guest-submit').click();

        // The created page: number (Persian digits in Persian), code in groups of four.
        await page.getByTestId('guest-tracking-code').waitFor();
        const number = Number(await page.getByTestId('guest-ticket-number').getAttribute('data-value'));
        const code = await textOf(page, 'guest-tracking-code');
        expect(number).toBeGreaterThan(0);
        expect(code).toMatch(GROUPED);
        expect(await textOf(page, 'guest-ticket-number')).toBe(lang === 'fa' ? faDigits(number) : String(number));
        expect(await textOf(page, 'guest-link-mailed')).toBe(tr(lang, 'guest.link.mailed', { email }));
        const link = `${server.base}/guest/tickets/${number}?code=${encodeURIComponent(code)}`;

        // Copy: each button puts its text on the clipboard and says so.
        for (const [what, expected] of [
          ['number', String(number)],
          ['code', code],
          ['link', link],
        ] as const) {
          await page.getByTestId(`guest-copy-${what}`).click();
          await expect.poll(() => clipboard(page)).toBe(expected);
          await expect.poll(() => textOf(page, 'guest-copy-status')).toBe(tr(lang, `guest.link.copied.${what}`));
        }
        // The copy buttons are named for what they copy (icon buttons by their aria-label).
        await page
          .getByRole('button', { name: tr(lang, 'guest.link.copyCode') })
          .first()
          .waitFor();
        await page.getByRole('button', { name: tr(lang, 'guest.link.copyNumber') }).waitFor();

        // E-mail me again: a translated confirmation.
        const resent = page.waitForResponse(
          (r) => r.url().endsWith(`/api/v1/public/tickets/${number}/resend-link`) && r.request().method() === 'POST',
        );
        await page.getByTestId('guest-resend-link').click();
        expect((await resent).status()).toBe(202);
        await page.getByTestId('guest-resend-done').waitFor();
        expect(await textOf(page, 'guest-resend-done')).toBe(tr(lang, 'guest.link.resent'));
        if (screen === 'phone') await fitsPhone(page, `guest created page (${lang})`);
        await checkA11y(page, `guest created page with link tools (${lang}, ${screen})`);
        await shot(page, `guest-link-created-${lang}-${screen}`);

        // The mails (after the form and the one asked for) reach the outbox with number, code and link.
        await expect.poll(async () => (await mailsTo(email)).length, { timeout: 20_000 }).toBe(2);
        for (const m of await mailsTo(email)) {
          expect(m.subject).toContain(`[#${number}]`);
          expect(m.text).toContain(code);
          expect(m.text).toContain(link);
          expect(m.html || '').toContain(`dir="${lang === 'fa' ? 'rtl' : 'ltr'}"`);
        }

        // The ticket page (by the follow button) offers the same, compactly.
        await page.getByTestId('guest-follow-link').click();
        await page.waitForURL((u) => u.pathname === `/guest/tickets/${number}`);
        await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        await settled(page);
        expect(await textOf(page, 'guest-tracking-code')).toBe(code);
        await page.getByTestId('guest-copy-link').click();
        await expect.poll(() => clipboard(page)).toBe(link);
        await page.getByTestId('guest-copy-code').click();
        await expect.poll(() => clipboard(page)).toBe(code);
        await page.getByTestId('guest-resend-link').click();
        await page.getByTestId('guest-resend-done').waitFor();
        expect(await textOf(page, 'guest-resend-done')).toBe(tr(lang, 'guest.link.resent'));
        if (screen === 'phone') await fitsPhone(page, `guest ticket page (${lang})`);
        await checkA11y(page, `guest ticket page with link tools (${lang}, ${screen})`);
        await shot(page, `guest-link-ticket-${lang}-${screen}`);

        // The tracking page takes the code in lower case, without dashes, with Persian digits.
        const typed = code
          .replace(/-/g, ' ')
          .toLowerCase()
          .replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
        await page.goto('/guest/track');
        await page.getByTestId('track-submit').waitFor();
        expect((await htmlLangDir(page)).lang).toBe(lang);
        await page.getByTestId('track-number').locator('input').fill(faDigits(number));
        await page.getByTestId('track-code').locator('input').fill(typed);
        await shot(page, `guest-link-track-${lang}-${screen}`);
        await page.getByTestId('track-submit').click();
        await page.waitForURL((u) => u.pathname === `/guest/tickets/${number}`);
        await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        expect(await textOf(page, 'guest-tracking-code')).toBe(code);

        expect(person.errors).toEqual([]);
        await context.close();
      });
});
