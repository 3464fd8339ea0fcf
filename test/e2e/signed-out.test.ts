import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, signIn, signOut } from './helpers/browser';
import { startServer, type E2EServer } from './helpers/server';

/**
 * Starting signed out is no error: the web app learns it from `GET /auth/session` (200 either
 * way), so the browser shows no failed request and no console error on the way to the login page.
 */
describe('signed-out start-up', () => {
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

  /** Every answer of 400 or more and every console error of the page, from now on. */
  function watch(page: Page) {
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    return { failed, consoleErrors };
  }

  it('opening the app signed out reaches the login page without a 4xx or a console error', async () => {
    const { context, page, errors } = await newPerson(browser, server.base);
    const seen = watch(page);
    const asked: string[] = [];
    page.on('request', (req) => asked.push(new URL(req.url()).pathname));
    await page.goto('/');
    await page.getByTestId('login-username').waitFor();
    // A deep link of a signed-in area, too: it leads to the login page the same quiet way.
    await page.goto('/agent/tickets');
    await page.getByTestId('login-username').waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked).toContain('/api/v1/auth/session');
    expect(seen.failed).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after signing out, a reload is just as quiet', async () => {
    const { context, page, errors } = await newPerson(browser, server.base);
    await page.goto('/login');
    await signIn(page, 'sara');
    await signOut(page);
    const seen = watch(page);
    await page.reload();
    await page.getByTestId('login-username').waitFor();
    await page.waitForLoadState('networkidle');
    expect(seen.failed).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
