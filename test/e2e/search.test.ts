import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Person } from './helpers/browser';
import { settled, shotViewport, softA11y, switchLanguage, webEnv } from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Issue 14, point 1, as people see it: a search lists the tickets with a snippet of where the
 * words matched, the matched words highlighted (`<mark>`), in the text's own direction — in the
 * agent's table and cards (phone) and in the customer's list. The snippet is text: a message
 * holding markup shows it as characters.
 */

const ZWNJ = '\u200c';

describe('search results show where the words matched', () => {
  let server: E2EServer;
  let browser: Browser;
  let vpnTicket = 0;
  let printerTicket = 0;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function person(who: string, phone = false): Promise<Person> {
    const p = await signedInPerson(browser, server.base, who, phone ? 'phone' : 'desktop');
    people.push(p);
    return p;
  }

  /** The snippets and their highlighted words shown for ticket `n` in the list on the page. */
  async function snippetOf(page: Page, n: number) {
    const row = page.getByTestId(`ticket-row-${n}`);
    await row.waitFor();
    const snippet = row.getByTestId('search-snippet');
    await snippet.waitFor();
    return {
      text: (await snippet.textContent()) ?? '',
      dir: await snippet.getAttribute('dir'),
      marks: await snippet.locator('mark').allTextContents(),
      html: await snippet.innerHTML(),
    };
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    vpnTicket = (
      await ali.post<{ number: number }>('/tickets', {
        subject: 'Cannot reach the library portal',
        body: `<p>از دیروز وی${ZWNJ}پی${ZWNJ}ان دانشگاه وصل نمی${ZWNJ}شود و پیام <b>خطای ۸۰۹</b> می‌آید.</p>`,
        departmentId: deps.items[0].id,
      })
    ).number;
    printerTicket = (
      await ali.post<{ number: number }>('/tickets', {
        subject: 'چاپگر رنگی طبقهٔ سوم',
        body: '<p>The colour printer prints &lt;script&gt;alert(1)&lt;/script&gt; on every page since Monday.</p>',
        departmentId: deps.items[0].id,
      })
    ).number;
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('the agent’s table: words typed without ZWNJ find the message, its words highlighted (fa, en)', async () => {
    const { page, errors } = await person('sara');
    // «وی پی ان» with spaces and «نمیشود» run together: the message has both with ZWNJ.
    await page.goto(`/agent/tickets?q=${encodeURIComponent('وی پی ان نمیشود')}`);
    await settled(page);
    const s = await snippetOf(page, vpnTicket);
    expect(s.dir).toBe('auto');
    expect(s.text).toContain(`وی${ZWNJ}پی${ZWNJ}ان`);
    expect(s.marks.map((m) => m.replaceAll(ZWNJ, ''))).toEqual(expect.arrayContaining(['ویپیان', 'نمیشود']));
    // The subject did not match: it is shown plain.
    expect(await page.getByTestId(`ticket-row-${vpnTicket}`).locator('a mark').count()).toBe(0);
    await shotViewport(page, 'search-snippet-fa-desktop');
    await a11y.check(page, 'search results with snippets (fa)');

    // Matched in the subject: the subject itself carries the mark, no extra line.
    await page.goto(`/agent/tickets?q=${encodeURIComponent('چاپگر')}`);
    await settled(page);
    const row = page.getByTestId(`ticket-row-${printerTicket}`);
    await row.waitFor();
    expect(await row.locator('a mark').allTextContents()).toEqual(['چاپگر']);
    expect(await row.getByTestId('search-snippet').count()).toBe(0);

    // English UI, an English word in a message: the markup in it is shown as text, never run.
    await switchLanguage(page, 'en');
    await page.goto(`/agent/tickets?q=${encodeURIComponent('prints')}`);
    await settled(page);
    const en = await snippetOf(page, printerTicket);
    expect(en.marks).toEqual(['prints']);
    expect(en.text).toContain('<script>alert(1)</script>');
    expect(en.html).not.toContain('<script');
    await shotViewport(page, 'search-snippet-en-desktop');
    await a11y.check(page, 'search results with snippets (en)');
    await switchLanguage(page, 'fa');
    expect(errors).toEqual([]);
  });

  it('a bare number in Persian digits puts that ticket first; the phone’s cards show the snippet too', async () => {
    const { page, errors } = await person('sara', true);
    const persian = String(vpnTicket).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
    await page.goto(`/agent/tickets?q=${encodeURIComponent(persian)}`);
    await settled(page);
    const first = page.locator('[data-testid^="ticket-row-"]').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe(`ticket-row-${vpnTicket}`);

    await page.goto(`/agent/tickets?q=${encodeURIComponent('۸۰۹')}`);
    await settled(page);
    const s = await snippetOf(page, vpnTicket);
    expect(s.marks).toEqual(['۸۰۹']);
    await shotViewport(page, 'search-snippet-fa-phone');
    await a11y.check(page, 'search results on a phone (fa)');
    expect(errors).toEqual([]);
  });

  it('the customer’s list shows the snippet of their own ticket', async () => {
    const { page, errors } = await person('ali');
    await page.goto(`/portal/tickets?q=${encodeURIComponent('وی‌پی‌ان')}`);
    await settled(page);
    const row = page.locator('[data-testid="ticket-row"], [data-testid="ticket-card"]').filter({
      hasText: 'Cannot reach the library portal',
    });
    await row.first().waitFor();
    const snippet = row.first().getByTestId('search-snippet');
    await snippet.waitFor();
    expect(await snippet.getAttribute('dir')).toBe('auto');
    expect((await snippet.locator('mark').allTextContents()).map((m) => m.replaceAll(ZWNJ, ''))).toContain('ویپیان');
    await shotViewport(page, 'search-snippet-portal-fa-desktop');
    await a11y.check(page, 'portal search results (fa)');
    expect(errors).toEqual([]);
  });
});
