import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, fontState, htmlLangDir, launchBrowser, newPerson, shot, signIn, signOut } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/** Persian first (RTL, Vazirmatn), English on request, and the choice follows the person. */
describe('language', () => {
  let server: E2EServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the sign-in page opens in Persian with Vazirmatn, switches to English, and passes axe in both', async () => {
    const { context, page, errors } = await newPerson(browser, server.base);
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    expect(await htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    const font = await fontState(page, 'h1');
    expect(font.fontFamily).toContain('Vazirmatn');
    expect(font.check).toBe(true);
    expect(font.checkSample).toBe(true);
    expect(font.vazirmatnLoaded).toBe(true);
    await checkA11y(page, 'sign-in page, Persian');
    await shot(page, 'login-fa');

    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlLangDir(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toMatch(/[A-Za-z]/);
    await checkA11y(page, 'sign-in page, English');
    await shot(page, 'login-en');

    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signed-in person’s choice is saved on their account and follows them to another browser', async () => {
    const first = await newPerson(browser, server.base);
    await first.page.goto('/login');
    await signIn(first.page, 'ali');
    expect(await htmlLangDir(first.page)).toEqual({ lang: 'fa', dir: 'rtl' });

    const saved = first.page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await first.page.getByTestId('language-switch').click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => htmlLangDir(first.page)).toEqual({ lang: 'en', dir: 'ltr' });
    await signOut(first.page);
    await first.context.close();

    const api = await ApiClient.login(server.base, 'ali');
    expect((await api.get<{ user: { locale: string } }>('/auth/me')).user.locale).toBe('en');

    // A fresh browser knows nothing of ali: Persian until he signs in, then his English.
    const second = await newPerson(browser, server.base);
    await second.page.goto('/login');
    await second.page.getByTestId('login-username').waitFor();
    expect(await htmlLangDir(second.page)).toEqual({ lang: 'fa', dir: 'rtl' });
    await signIn(second.page, 'ali');
    await expect.poll(() => htmlLangDir(second.page)).toEqual({ lang: 'en', dir: 'ltr' });
    await expect.poll(() => second.page.getByTestId('language-switch').textContent()).toContain('فارسی');
    expect([...first.errors, ...second.errors]).toEqual([]);
    await second.context.close();
  });
});
