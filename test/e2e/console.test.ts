import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import { faDigits, setLang, settled, shotFromTop, shotViewport, tr, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Issue 14, point 10: the main pages leave the browser console clean (no warning or error: no
 * react-router notice, no Content-Security-Policy refusal), and the small things seen: the
 * customer's dashboard shows each ticket once, the «قفل» status and the «عضو»/«مهمان» level
 * explain themselves, the dashboard's legend is spaced, and the settings' number boxes follow
 * the Persian-digits setting while taking any digits.
 */

/** A person whose console warnings and errors (and CSP refusals) are kept, with the page they came from. */
async function watched(browser: Browser, base: string, who: string | null): Promise<Person & { console: string[] }> {
  const person = await newPerson(browser, base);
  person.context.setDefaultTimeout(20_000);
  if (who) await (await ApiClient.login(base, who)).shareWith(person.context);
  const messages: string[] = [];
  person.page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning')
      messages.push(`[${m.type()}] ${new URL(person.page.url()).pathname}: ${m.text()}`);
  });
  return { ...person, console: messages };
}

/** Opens `path`, waits until it has settled, and takes its picture. */
async function visit(page: Page, path: string, name: string): Promise<void> {
  await page.goto(path);
  await settled(page);
  await shotFromTop(page, `console-${name}`);
}

describe('a clean console on the main pages, and the small things seen', () => {
  let server: E2EServer;
  let browser: Browser;
  let ticket = 0;

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    ticket = (
      await ali.post<{ number: number }>('/tickets', {
        subject: 'صفحهٔ ورود کتابخانه باز نمی‌شود',
        body: '<p>از صبح صفحهٔ ورود کتابخانهٔ دیجیتال باز نمی‌شود.</p>',
        departmentId: deps.items[0].id,
      })
    ).number;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('agent, admin, customer and guest pages write no warning or error to the console, in Persian and English', async () => {
    const sara = await watched(browser, server.base, 'sara');
    const admin = await watched(browser, server.base, 'admin');
    const ali = await watched(browser, server.base, 'ali');
    const guest = await watched(browser, server.base, null);
    try {
      for (const lang of ['fa', 'en'] as Lang[]) {
        await sara.page.goto('/agent');
        await setLang(sara.page, lang);
        await visit(sara.page, '/agent', `agent-dashboard-${lang}`);
        await visit(sara.page, '/agent/tickets', `agent-center-${lang}`);
        await visit(sara.page, `/agent/tickets/${ticket}`, `agent-ticket-${lang}`);

        await admin.page.goto('/admin/people');
        await setLang(admin.page, lang);
        for (const p of ['people', 'access-levels', 'settings'])
          await visit(admin.page, `/admin/${p}`, `admin-${p}-${lang}`);

        await ali.page.goto('/portal');
        await setLang(ali.page, lang);
        await visit(ali.page, '/portal', `portal-${lang}`);
        await visit(ali.page, '/portal/tickets', `portal-tickets-${lang}`);
        await visit(ali.page, `/portal/tickets/${ticket}`, `portal-ticket-${lang}`);

        await guest.page.goto('/guest/new');
        await setLang(guest.page, lang);
        await visit(guest.page, '/guest/new', `guest-new-${lang}`);
        await visit(guest.page, '/guest/track', `guest-track-${lang}`);
        await visit(guest.page, '/login', `login-${lang}`);
      }
    } finally {
      for (const p of [sara, admin, ali]) await setLang(p.page, 'fa').catch(() => undefined);
    }
    const all = [sara, admin, ali, guest];
    expect(all.flatMap((p) => p.console)).toEqual([]);
    expect(all.flatMap((p) => p.errors)).toEqual([]);
    for (const p of all) await p.context.close();
  }, 300_000);

  it("the customer's dashboard shows each ticket once", async () => {
    const ali = await watched(browser, server.base, 'ali');
    const { page } = ali;
    await page.goto('/portal');
    await settled(page);
    await page.getByTestId('ticket-row').first().waitFor();
    const links = await page
      .locator('main [data-testid="ticket-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(links.length).toBeGreaterThan(1);
    expect(new Set(links).size, `every ticket once: ${links.join(' ')}`).toBe(links.length);
    // The demo gives ali tickets awaiting his answer: they are in their own box only.
    const awaiting = await page
      .locator('[aria-labelledby="awaiting-heading"] [data-testid="ticket-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(awaiting.length).toBeGreaterThan(0);
    await shotFromTop(page, 'console-portal-once-fa');
    await ali.context.close();
  });

  it('the locked status explains itself on hover; the chart legend is spaced', async () => {
    const sara = await watched(browser, server.base, 'sara');
    const { page } = sara;
    for (const lang of ['fa', 'en'] as Lang[]) {
      // The demo has a locked ticket.
      await page.goto('/agent/tickets?status=locked');
      await setLang(page, lang);
      await settled(page);
      const chip = page.locator('main [data-testid="status-chip"]').first();
      await chip.waitFor();
      expect(await chip.textContent()).toBe(tr(lang, 'status.locked'));
      await chip.hover();
      const tip = page.getByRole('tooltip');
      await tip.waitFor();
      expect(await tip.textContent()).toBe(tr(lang, 'bits.statusHint.locked'));
      await shotViewport(page, `console-locked-tooltip-${lang}`);
      await page.mouse.move(0, 0);
      await tip.waitFor({ state: 'hidden' });

      await page.goto('/agent');
      await settled(page);
      const legend = page.getByTestId('status-legend');
      await legend.waitFor();
      const gaps = await legend.evaluate((ul) => {
        const items = [...ul.children].map((li) => {
          const [swatch, text] = [...li.children].map((c) => c.getBoundingClientRect());
          return { swatch, text, box: li.getBoundingClientRect() };
        });
        const inner = items.map((i) => Math.max(i.text.left - i.swatch.right, i.swatch.left - i.text.right));
        const sorted = [...items].sort((a, b) => a.box.left - b.box.left);
        const between = sorted.slice(1).map((i, k) => i.box.left - sorted[k].box.right);
        return { inner, between };
      });
      for (const g of gaps.inner) expect(g, `swatch to text (${lang})`).toBeGreaterThanOrEqual(6);
      for (const g of gaps.between) expect(g, `item to item (${lang})`).toBeGreaterThanOrEqual(16);
      await page.getByTestId('status-chart').scrollIntoViewIfNeeded();
      await shotViewport(page, `console-dashboard-legend-${lang}`);
    }
    await setLang(page, 'fa');
    await sara.context.close();
  });

  it('a number box in the settings shows Persian digits in Persian, and takes Latin, Persian and Arabic-Indic digits', async () => {
    const admin = await watched(browser, server.base, 'admin');
    const { page } = admin;
    await page.goto('/admin/settings');
    await setLang(page, 'fa');
    await settled(page);
    const box = page.getByTestId('settings-autoCloseDays');
    await box.waitFor();
    const saved = (
      await ApiClient.login(server.base, 'admin').then((a) => a.get<{ autoCloseDays: number }>('/settings'))
    ).autoCloseDays;
    expect(await box.inputValue()).toBe(faDigits(saved));
    for (const [typed, shown] of [
      ['12', '۱۲'],
      ['۱۴', '۱۴'],
      ['٢٥', '۲۵'],
      ['3a', '۳'],
    ]) {
      await box.fill('');
      await box.pressSequentially(typed);
      expect(await box.inputValue(), `typed ${typed}`).toBe(shown);
    }
    await shotViewport(page, 'console-settings-number-fa');
    await setLang(page, 'en');
    await settled(page);
    await expect.poll(() => box.inputValue()).toBe('3');
    await setLang(page, 'fa');
    await admin.context.close();
  });
});
