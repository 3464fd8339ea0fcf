import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, shot, type Person } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { overflow, setLang, settled, tr, type Lang } from './helpers/flows';

/**
 * On a 360×740 phone the main pages of an agent (sara) and a customer (ali) fit the screen's
 * width in Persian and English, the navigation opens from the menu button, and the ticket
 * center's keyboard help opens with "?".
 */

async function signedIn(browser: Browser, base: string, who: string): Promise<Person> {
  const person = await newPerson(browser, base, 'phone');
  await (await ApiClient.login(base, who)).shareWith(person.context);
  return person;
}

/** Opens the navigation with the top bar's menu button, checks it offers `linkKey`, and follows it (or closes it). */
async function useMenu(page: Page, lang: Lang, linkKey: string, follow: string | null): Promise<void> {
  const nav = page.getByRole('navigation', { name: tr(lang, 'nav.main') });
  expect(await nav.isVisible(), 'the navigation is hidden on a phone until asked for').toBe(false);
  await page.getByRole('button', { name: tr(lang, 'nav.openMenu') }).click();
  await nav.waitFor();
  const link = nav.getByRole('link', { name: tr(lang, linkKey), exact: true });
  await link.waitFor();
  if (follow) {
    await link.click();
    await page.waitForURL((u) => u.pathname === follow);
  } else {
    await page.keyboard.press('Escape');
  }
  await nav.waitFor({ state: 'hidden' });
}

describe('phone layout (360×740)', () => {
  let server: E2EServer;
  let browser: Browser;
  let ticket: { number: number; subject: string };

  beforeAll(async () => {
    // E2E_WEB_DIR serves a private build of the web app (while others rebuild dist/web).
    server = await startServer({ env: process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {} });
    browser = await launchBrowser();
    // A few of ali's tickets, one with a long subject and a long address in its text.
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    const long = 'اتصال به شبکهٔ بی‌سیم دانشکده در ساختمان شمالی از صبح امروز قطع و وصل می‌شود و صفحهٔ ورود باز نمی‌شود';
    for (const [subject, body] of [
      ['Cannot print from the lab', '<p>The lab printer shows an error.</p>'],
      [
        long,
        '<p>Address: https://wifi.portal.example.ac.ir/login/authenticate?redirect=https%3A%2F%2Fmail.example.ac.ir%2Finbox%2Fmessages%2F123456789</p>',
      ],
    ]) {
      const t = await ali.post<{ number: number; subject: string }>('/tickets', {
        subject,
        body,
        departmentId: deps.items[0].id,
      });
      ticket = { number: t.number, subject: t.subject };
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sara: the ticket center and a ticket fit the screen, the menu opens the navigation, "?" shows the shortcuts', async () => {
    const sara = await signedIn(browser, server.base, 'sara');
    const { page } = sara;
    const problems: string[] = [];
    try {
      for (const lang of ['fa', 'en'] as const) {
        await page.goto('/agent/tickets');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'center.title') }).waitFor();
        await settled(page);
        await page.getByRole('link', { name: ticket.subject }).first().waitFor();
        const center = await overflow(page);
        if (center.by > 1)
          problems.push(`ticket center (${lang}) is ${center.by}px too wide: ${center.culprits.join('; ')}`);
        await shot(page, `responsive-center-${lang}-phone`);

        // "?" opens the list of keyboard shortcuts; Escape closes it.
        await page.locator('main h1').first().click();
        await page.keyboard.press('?');
        const help = page.getByTestId('shortcuts-dialog');
        await help.getByRole('heading', { name: tr(lang, 'center.keys.title') }).waitFor();
        expect(await help.getByText(tr(lang, 'center.keys.help'), { exact: true }).count()).toBe(1);
        await shot(page, `responsive-center-shortcuts-${lang}-phone`);
        await page.keyboard.press('Escape');
        await help.getByRole('heading').waitFor({ state: 'hidden' });

        await useMenu(page, lang, 'nav.ticketCenter', null);

        await page.goto(`/agent/tickets/${ticket.number}`);
        await page.getByRole('heading', { level: 1, name: ticket.subject }).waitFor();
        await settled(page);
        await page.getByTestId('thread-message').first().waitFor();
        const one = await overflow(page);
        if (one.by > 1)
          problems.push(`agent ticket page (${lang}) is ${one.by}px too wide: ${one.culprits.join('; ')}`);
        await shot(page, `responsive-agent-ticket-${lang}-phone`);
        await useMenu(page, lang, 'nav.ticketCenter', '/agent/tickets');
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(problems.join('\n')).toBe('');
    expect(sara.errors).toEqual([]);
    await sara.context.close();
  });

  it('ali: the portal dashboard and my tickets fit the screen and the menu leads from one to the other', async () => {
    const ali = await signedIn(browser, server.base, 'ali');
    const { page } = ali;
    const problems: string[] = [];
    try {
      for (const lang of ['fa', 'en'] as const) {
        await page.goto('/portal');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByTestId('counter-open').waitFor();
        await settled(page);
        const dash = await overflow(page);
        if (dash.by > 1)
          problems.push(`portal dashboard (${lang}) is ${dash.by}px too wide: ${dash.culprits.join('; ')}`);
        await shot(page, `responsive-portal-${lang}-phone`);

        await useMenu(page, lang, 'nav.myTickets', '/portal/tickets');
        await page.getByRole('heading', { level: 1 }).waitFor();
        await settled(page);
        await page.getByText(ticket.subject).first().waitFor();
        const mine = await overflow(page);
        if (mine.by > 1) problems.push(`my tickets (${lang}) is ${mine.by}px too wide: ${mine.culprits.join('; ')}`);
        await shot(page, `responsive-my-tickets-${lang}-phone`);

        await useMenu(page, lang, 'nav.dashboard', '/portal');
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(problems.join('\n')).toBe('');
    expect(ali.errors).toEqual([]);
    await ali.context.close();
  });
});
