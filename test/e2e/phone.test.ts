import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot, type Person } from './helpers/browser';
import { setLang, settled, shotViewport, softA11y, tr, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Issue 14, point 9: on a 390×844 phone, in Persian and English, the agent's ticket center shows
 * at least six whole ticket cards without scrolling (the filters fold behind one button), the
 * quick views are one row that scrolls sideways and shows, by a fade at the hidden end, that
 * there is more (on the right side in English, the left in Persian), and the permission matrix
 * scrolls inside its card while the page itself never gets wider than the screen.
 */

const SCREEN = { width: 390, height: 844 };

/** A phone person of 390×844 (the helpers' newPerson has a 360×740 one), with console messages kept. */
async function phonePerson(browser: Browser, base: string, who: string): Promise<Person & { console: string[] }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: SCREEN,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    timezoneId: 'Asia/Tehran',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(20_000);
  await (await ApiClient.login(base, who)).shareWith(context);
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleMessages: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleMessages.push(`${m.type()}: ${m.text()}`);
  });
  return { context, page, errors, console: consoleMessages };
}

/** How far the page is wider than the screen (see responsive.test.ts: measured against the screen, not innerWidth). */
async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(`document.scrollingElement.scrollWidth - ${SCREEN.width}`);
}

/** The ticket cards whose whole box is on the screen as it first shows (not scrolled). */
async function cardsInView(page: Page): Promise<{ whole: number; all: number }> {
  return page.evaluate(`(() => {
    const cards = [...document.querySelectorAll('[data-testid^="ticket-row-"]')];
    const whole = cards.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= ${SCREEN.height} && r.right <= ${SCREEN.width};
    }).length;
    return { whole, all: cards.length };
  })()`);
}

interface RowState {
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
  more: string;
  mask: string;
}
const rowState = (page: Page, testId: string): Promise<RowState> =>
  page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="${testId}"]');
    const style = getComputedStyle(el);
    return {
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      scrollLeft: el.scrollLeft,
      more: el.getAttribute('data-more'),
      mask: style.maskImage || style.webkitMaskImage || 'none',
    };
  })()`);

/** Whether the row's mask fades out its left (first stop) or right (last stop) edge. */
function fadedSides(mask: string): { left: boolean; right: boolean } {
  const stops = mask.replace(/^linear-gradient\(/, '').split(/,(?![^(]*\))/);
  const transparent = (s: string | undefined) => !!s && /transparent|rgba\(0, 0, 0, 0\)/.test(s);
  return { left: transparent(stops[1]), right: transparent(stops[stops.length - 1]) };
}

describe('phone (390×844): ticket cards, chip rows, permission matrix', () => {
  let server: E2EServer;
  let browser: Browser;
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    // The demo queue is long enough already; a few more tickets make sure a screen's worth exists
    // whatever the demo data becomes.
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    for (const [i, subject] of [
      'نمایشگر اتاق ۲۰۸ تصویر ندارد',
      'Keyboard missing keys in lab 3',
      'درخواست کابل شبکهٔ بلندتر برای اتاق جلسات که در طبقهٔ دوم ساختمان اداری است',
      'Scanner does not send to e-mail',
      'به‌روزرسانی ویندوز روی رایانهٔ کتابخانه گیر کرده است',
      'Cannot open the budget spreadsheet',
    ].entries())
      await ali.post('/tickets', {
        subject,
        body: `<p>${subject}</p>`,
        departmentId: deps.items[i % deps.items.length].id,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sara: six or more whole ticket cards on the first screen; the quick views scroll sideways with a fade at the hidden end', async () => {
    const sara = await phonePerson(browser, server.base, 'sara');
    const { page } = sara;
    const problems: string[] = [];
    try {
      for (const lang of ['fa', 'en'] as Lang[]) {
        await page.goto('/agent/tickets');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'center.title') }).waitFor();
        await settled(page);
        await page.locator('[data-testid^="ticket-row-"]').nth(6).waitFor();
        await page.evaluate('window.scrollTo(0, 0)');

        // The filters are folded behind one button: status and sort are not on the screen.
        expect(await page.getByTestId('filter-status').count(), 'status select folded away').toBe(0);
        const cards = await cardsInView(page);
        if (cards.whole < 6) problems.push(`${lang}: only ${cards.whole} of ${cards.all} cards whole on the screen`);
        const over = await pageOverflow(page);
        if (over > 1) problems.push(`${lang}: the ticket center is ${over}px wider than the screen`);
        await shotViewport(page, `phone-center-${lang}`);
        await a11y.check(page, `ticket center (${lang}, phone)`);

        // The quick views: one row, wider than the screen, its hidden end faded.
        const rtl = lang === 'fa';
        let row = await rowState(page, 'quick-views');
        expect(row.scrollWidth, 'the quick views are wider than the screen').toBeGreaterThan(row.clientWidth);
        expect(row.more).toBe('end');
        expect(fadedSides(row.mask), `fade at the reading end (${lang}): ${row.mask}`).toEqual({
          left: rtl,
          right: !rtl,
        });
        // Swiped to its end: it scrolls (toward the left in Persian), and the fade moves to the start.
        await page.evaluate(
          `(() => { const el = document.querySelector('[data-testid="quick-views"]'); el.scrollLeft = ${rtl ? '-' : ''}el.scrollWidth; })()`,
        );
        await expect.poll(async () => (await rowState(page, 'quick-views')).more).toBe('start');
        row = await rowState(page, 'quick-views');
        expect(rtl ? row.scrollLeft < 0 : row.scrollLeft > 0, `scrolled (${row.scrollLeft})`).toBe(true);
        expect(fadedSides(row.mask)).toEqual({ left: !rtl, right: rtl });
        await page.getByTestId('quick-view-deleted').waitFor();
        expect(await page.getByTestId('quick-view-deleted').isVisible()).toBe(true);
        await shotViewport(page, `phone-center-quick-views-end-${lang}`);

        // The filter button opens status, sort and the rest below it; the list stays reachable.
        await page.getByTestId('filter-toggle').click();
        await page.getByTestId('filter-status').waitFor();
        await page.getByTestId('filter-sort').waitFor();
        expect(await page.getByTestId('filter-toggle').getAttribute('aria-expanded')).toBe('true');
        await shotViewport(page, `phone-center-filters-${lang}`);
        await a11y.check(page, `ticket center with filters open (${lang}, phone)`);
        await page.getByTestId('filter-toggle').click();
        await page.getByTestId('filter-status').waitFor({ state: 'detached' });
        await shot(page, `phone-center-full-${lang}`);
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(problems.join('\n')).toBe('');
    expect(sara.errors).toEqual([]);
    await sara.context.close();
  });

  it('admin: the permission matrix scrolls inside its card; the page does not get wider than the screen', async () => {
    const admin = await phonePerson(browser, server.base, 'admin');
    const { page } = admin;
    try {
      for (const lang of ['fa', 'en'] as Lang[]) {
        await page.goto('/admin/access-levels');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await settled(page);
        const matrix = page.getByTestId('permission-matrix');
        await matrix.waitFor();
        expect(await pageOverflow(page), `the access levels page (${lang}) fits the screen`).toBeLessThanOrEqual(1);
        const box = await matrix.boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(SCREEN.width);
        const inside = await rowState(page, 'permission-matrix');
        expect(inside.scrollWidth, 'the table is wider than its card').toBeGreaterThan(inside.clientWidth);
        await shotViewport(page, `phone-permission-matrix-${lang}`);
        await a11y.check(page, `access levels (${lang}, phone)`);
        const rtl = lang === 'fa';
        await page.evaluate(
          `(() => { const el = document.querySelector('[data-testid="permission-matrix"]'); el.scrollLeft = ${rtl ? '-' : ''}el.scrollWidth; })()`,
        );
        await expect
          .poll(async () => Math.abs((await rowState(page, 'permission-matrix')).scrollLeft))
          .toBeGreaterThan(0);
        expect(await pageOverflow(page), 'scrolling the card leaves the page alone').toBeLessThanOrEqual(1);
        expect(await page.evaluate('window.scrollX')).toBe(0);
        await shotViewport(page, `phone-permission-matrix-scrolled-${lang}`);
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
