import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import { overflow, setLang, settled, shotFromTop, shotViewport, tr, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/** A screenshot of the screen once no transition runs (a dialog fading in would be a pale blend). */
async function shotStill(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
  await shotViewport(page, name);
}

/**
 * K10 in the browser: the admin adds a webhook (address, events), copies its secret from the
 * one-time dialog, sends a test event that a local receiver verifies with the secret, and reads
 * the delivery log — in Persian and English, on a desktop and a phone (screenshots of each).
 */
describe('webhooks: the admin page', () => {
  let server: E2EServer;
  let browser: Browser;
  let receiver: Server;
  let hookBase: string;
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const people: Person[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    server = await startServer({
      env: { ...webEnv(), WEBHOOKS_ALLOW_HTTP: 'true', WEBHOOKS_ALLOW_PRIVATE: 'true' },
    });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  async function admin(screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen, { timeout: 30_000 });
    people.push(p);
    await (await ApiClient.login(server.base, 'admin')).shareWith(p.context);
    return p;
  }
  const open = async (page: Page, lang: Lang) => {
    await page.goto('/admin/webhooks');
    await page.locator('main h1').first().waitFor();
    await setLang(page, lang);
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.webhooks.title') }).waitFor();
    await settled(page);
  };

  it('adds a webhook, shows its secret once, sends a verified test event and lists the delivery', async () => {
    const { page } = await admin();
    const lang: Lang = 'fa';
    await open(page, lang);
    await page.getByText(tr(lang, 'admin.webhooks.empty')).waitFor();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr(lang, 'nav.webhooks') })
      .waitFor();

    await page.getByTestId('admin-create').click();
    await page.getByTestId('webhook-url').fill(`${hookBase}/pishkhan`);
    await page.getByTestId('webhook-description').fill('سامانهٔ گزارش‌گیری');
    await page.getByTestId('webhook-event-message.created').check();
    await page.getByTestId('webhook-event-sla.breached').check();
    await shotStill(page, 'webhooks-fa-form');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/webhooks' && r.request().method() === 'POST',
    );
    await page.getByTestId('admin-dialog-save').click();
    const answer = (await (await created).json()) as { id: string; secret: string };
    const shown = page.getByTestId('webhook-secret-dialog');
    await shown.getByText(tr(lang, 'admin.webhooks.secretWarning')).waitFor();
    const secret = await page.getByTestId('webhook-secret-value').inputValue();
    expect(secret).toBe(answer.secret);
    expect(secret).toMatch(/^whsec_/);
    await shotStill(page, 'webhooks-fa-secret');
    await page.getByTestId('webhook-secret-done').click();
    await shown.waitFor({ state: 'detached' });
    await page.getByText(`${hookBase}/pishkhan`).first().waitFor();
    await shotFromTop(page, 'webhooks-fa-list');

    await page.getByTestId(`webhook-test-${answer.id}`).click();
    await page.getByText(tr(lang, 'admin.webhooks.testQueued')).waitFor();
    await expect.poll(() => got.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const ping = new Webhook(secret).verify(got[0].body, got[0].headers as Record<string, string>);
    expect(ping).toMatchObject({ type: 'ping', data: { webhookId: answer.id } });

    await page.getByTestId(`webhook-log-${answer.id}`).click();
    const log = page.getByTestId('webhook-deliveries');
    await log.locator('[data-status="succeeded"]').first().waitFor({ timeout: 30_000 });
    await log.getByText(tr(lang, 'admin.webhooks.status_succeeded')).first().waitFor();
    await shotStill(page, 'webhooks-fa-deliveries');
    await log.getByRole('button', { name: tr(lang, 'common.close') }).click();

    // English: the list and the edit form.
    await open(page, 'en');
    await shotFromTop(page, 'webhooks-en-list');
    await page.getByTestId(`admin-edit-${answer.id}`).click();
    await page.getByTestId('webhook-url').waitFor();
    await shotStill(page, 'webhooks-en-form');
    await page.keyboard.press('Escape');
    await setLang(page, 'fa');
  });

  it('fits a phone, with the log', async () => {
    const { page } = await admin('phone');
    await open(page, 'fa');
    expect((await overflow(page)).by).toBe(0);
    await shotFromTop(page, 'webhooks-fa-phone');
    await page.locator('[data-testid^="webhook-log-"]').first().click();
    await page.getByTestId('webhook-deliveries').locator('[data-status]').first().waitFor();
    await shotStill(page, 'webhooks-fa-phone-deliveries');
  });
});
