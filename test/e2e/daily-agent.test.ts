import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Person } from './helpers/browser';
import { richEditor, settled, shotViewport, softA11y, switchLanguage, tr, typeInEditor, webEnv } from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

// Callbacks given to page.evaluate run in the page (no DOM types in the tests' TypeScript setup).
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals, see helpers/browser.ts */
declare const document: any;
declare const window: any;
declare const KeyboardEvent: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Issue 14, points 3 and 7, for the agent who spends the day in the app (point 8, no lost typing,
 * is in no-lost-typing.test.ts):
 * - 3: on a ticket with a long thread (1366×800) the reply is in reach without scrolling (a bar
 *   at the bottom of the screen), "send and set pending" and "send and close" are one click
 *   each, r opens the reply box and Ctrl/⌘+Enter sends; the "?" help lists them, translated;
 * - 7: the single-key shortcuts work with the Persian keyboard layout (the key a Persian layout
 *   delivers, with the Latin physical code).
 */

const SUBJECTS = {
  long: 'چاپگر طبقهٔ دوم کار نمی‌کند',
  other: 'VPN disconnects every ten minutes',
  third: 'رمز ایمیل دانشگاهی را فراموش کرده‌ام',
};

/**
 * A keydown as the Persian (ISIRI 9147) layout delivers it: the Persian character as `key`, the
 * physical key as `code`. Sent to the focused element (or the body), bubbling like a real one.
 */
async function persianKey(page: Page, key: string, code: string, shiftKey = false): Promise<void> {
  await page.evaluate(
    ({ key, code, shiftKey }) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true, cancelable: true }));
    },
    { key, code, shiftKey },
  );
}

const activeTestId = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return (el?.closest('[data-testid]')?.getAttribute('data-testid') as string | undefined) ?? null;
  });
const editorFocused = (page: Page) =>
  page.evaluate(() => document.activeElement?.id === 'reply-editor-input') as Promise<boolean>;
const scrollY = (page: Page) => page.evaluate(() => window.scrollY as number);

/** Whether the element is entirely on screen now. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= vp.height && box.x >= 0 && box.x + box.width <= vp.width;
}

describe('daily use for agents: reply in reach, shortcuts in any layout', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: ApiClient;
  let ali: ApiClient;
  /** A ticket of ali's with a long thread, and two short ones. */
  let longTicket = 0;
  let otherTicket = 0;
  let thirdTicket = 0;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function person(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await signedInPerson(browser, server.base, who, screen);
    people.push(p);
    return p;
  }

  async function openTicket(page: Page, n: number): Promise<void> {
    await page.goto(`/agent/tickets/${n}`);
    await settled(page);
    await page.getByTestId('thread-message').first().waitFor();
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    sara = await ApiClient.login(server.base, 'sara');
    ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    const open = async (subject: string) =>
      (
        await ali.post<{ number: number }>('/tickets', {
          subject,
          body: '<p>پرینتر طبقهٔ دوم از صبح خطای شبکه می‌دهد و هیچ کاری چاپ نمی‌شود.</p>',
          departmentId: deps.items[0].id,
        })
      ).number;
    longTicket = await open(SUBJECTS.long);
    otherTicket = await open(SUBJECTS.other);
    thirdTicket = await open(SUBJECTS.third);
    // A long back-and-forth: twelve more messages, customer and agent in turn.
    for (let i = 1; i <= 12; i++) {
      const para = `<p>پیام ${i}: ${'لطفاً دوباره امتحان کنید و نتیجه را همین‌جا بنویسید. '.repeat(4)}</p>`;
      if (i % 2)
        await ali.post(`/tickets/${longTicket}/messages`, { kind: 'reply', body: `${para}<p>Still broken.</p>` });
      else await sara.post(`/tickets/${longTicket}/messages`, { kind: 'reply', body: para, statusAfter: 'pending' });
    }
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('3: on a long thread the reply is in reach at 1366×800; r opens it; Ctrl+Enter and "send and close" are one step', async () => {
    const { page, errors } = await person('sara');
    await openTicket(page, longTicket);
    await expect.poll(() => page.getByTestId('thread-message').count()).toBe(13);

    // At the top of the page, without scrolling: the reply box is far below, the bar is on screen.
    expect(await scrollY(page)).toBe(0);
    expect(await onScreen(page, 'reply-box')).toBe(false);
    await page.getByTestId('reply-bar').waitFor();
    expect(await onScreen(page, 'reply-bar')).toBe(true);
    await shotViewport(page, 'daily-ticket-long-fa-desktop');
    await a11y.check(page, 'ticket page, long thread (fa)');

    // One click: the box comes into view with the cursor in the editor, the bar goes.
    await page.getByTestId('reply-bar-reply').click();
    await expect.poll(() => editorFocused(page)).toBe(true);
    await expect.poll(() => onScreen(page, 'reply-submit')).toBe(true);
    expect(await onScreen(page, 'reply-submit-close')).toBe(true);
    await page.getByTestId('reply-bar').waitFor({ state: 'detached' });

    // Ctrl+Enter sends: pending is the default status after a reply.
    const first = 'Ctrl+Enter: we replaced the network card; please print a test page.';
    await typeInEditor(richEditor(page, tr('fa', 'ticket.replyBody')), first);
    await shotViewport(page, 'daily-reply-box-fa-desktop');
    await a11y.check(page, 'reply box with a draft (fa)');
    const sent1 = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/tickets/${longTicket}/messages`) && r.request().method() === 'POST',
    );
    await page.keyboard.press('Control+Enter');
    expect((await sent1).status()).toBeLessThan(300);
    await expect.poll(() => page.getByTestId('thread-message').count()).toBe(14);
    await expect
      .poll(() => page.getByTestId('ticket-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('pending');
    const last = async () =>
      (await sara.get<{ items: Array<{ body: string }> }>(`/tickets/${longTicket}/messages`, { pageSize: 100 })).items;
    expect((await last()).at(-1)!.body).toContain(first);
    // Sent, the editor is empty and nothing is kept as a draft.
    await expect.poll(() => richEditor(page, tr('fa', 'ticket.replyBody')).textContent()).toBe('');

    // Back to the top; "r" in the Persian layout («ق» on KeyR) opens the box again.
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await page.getByTestId('reply-bar').waitFor();
    await persianKey(page, 'ق', 'KeyR');
    await expect.poll(() => editorFocused(page)).toBe(true);
    await expect.poll(() => onScreen(page, 'reply-submit-close')).toBe(true);

    // "Send and close": one click.
    const second = 'Send and close: the printer works again, closing this ticket.';
    await typeInEditor(richEditor(page, tr('fa', 'ticket.replyBody')), second);
    await page.getByTestId('reply-submit-close').click();
    await expect
      .poll(() => page.getByTestId('ticket-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('closed');
    await expect.poll(() => page.getByTestId('thread-message').count()).toBe(15);
    expect((await last()).at(-1)!.body).toContain(second);

    // ⌘+Enter too (macOS), here with the other statuses' menu for the record: "send and set active".
    await typeInEditor(richEditor(page, tr('fa', 'ticket.replyBody')), 'Meta+Enter works as well.');
    const sent3 = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/tickets/${longTicket}/messages`) && r.request().method() === 'POST',
    );
    await page.keyboard.press('Meta+Enter');
    expect((await sent3).status()).toBeLessThan(300);
    await expect
      .poll(() => page.getByTestId('ticket-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('pending');
    await typeInEditor(richEditor(page, tr('fa', 'ticket.replyBody')), 'And one more, keeping it active.');
    await page.getByTestId('reply-send-more').click();
    await page.getByRole('menuitem', { name: tr('fa', 'ticket.sendAs.active') }).click();
    await expect
      .poll(() => page.getByTestId('ticket-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('active');

    // "?" (the Persian layout gives «؟» on Shift+Slash) lists the shortcuts, translated — also while
    // the send menu is still fading out (shortcuts sleep only while a menu is open).
    await page.evaluate(() => document.activeElement?.blur());
    await persianKey(page, '؟', 'Slash', true);
    const help = page.getByTestId('shortcuts-dialog');
    await help.waitFor();
    for (const key of ['reply', 'note', 'send', 'sendClose', 'help'])
      await help.getByText(tr('fa', `ticket.shortcuts.${key}`), { exact: true }).waitFor();
    await help.getByText('Ctrl + Enter', { exact: true }).waitFor();
    await shotViewport(page, 'daily-shortcuts-fa-desktop');
    await a11y.check(page, 'ticket shortcuts dialog (fa)');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('3: the same in English, and on a 390×844 phone in both languages', async () => {
    const desk = await person('sara');
    await openTicket(desk.page, longTicket);
    await switchLanguage(desk.page, 'en');
    try {
      await desk.page.getByTestId('reply-bar').waitFor();
      expect(await onScreen(desk.page, 'reply-bar')).toBe(true);
      await shotViewport(desk.page, 'daily-ticket-long-en-desktop');
      await a11y.check(desk.page, 'ticket page, long thread (en)');
      await desk.page.getByTestId('reply-bar-reply').click();
      await expect.poll(() => editorFocused(desk.page)).toBe(true);
      await typeInEditor(richEditor(desk.page, tr('en', 'ticket.replyBody')), 'An English draft.');
      await desk.page.getByTestId('reply-submit-close').waitFor();
      expect(await desk.page.getByTestId('reply-submit').textContent()).toBe(tr('en', 'ticket.sendAs.pending'));
      expect(await desk.page.getByTestId('reply-submit-close').textContent()).toBe(tr('en', 'ticket.sendAs.closed'));
      await shotViewport(desk.page, 'daily-reply-box-en-desktop');
      await a11y.check(desk.page, 'reply box with a draft (en)');
      await desk.page.evaluate(() => document.activeElement?.blur());
      await desk.page.keyboard.press('?');
      await desk.page.getByTestId('shortcuts-dialog').getByText(tr('en', 'ticket.shortcuts.sendClose')).waitFor();
      await shotViewport(desk.page, 'daily-shortcuts-en-desktop');
      await a11y.check(desk.page, 'ticket shortcuts dialog (en)');
      await desk.page.keyboard.press('Escape');
      // Leave no draft behind for the next tests.
      await desk.page.getByTestId('reply-discard').click();
      await desk.page.getByTestId('discard-confirm').click();
    } finally {
      await switchLanguage(desk.page, 'fa');
    }

    for (const lang of ['fa', 'en'] as const) {
      const phone = await person('sara', 'phone');
      await openTicket(phone.page, longTicket);
      await switchLanguage(phone.page, lang);
      try {
        await phone.page.getByTestId('reply-bar').waitFor();
        expect(await onScreen(phone.page, 'reply-bar')).toBe(true);
        await expect
          .poll(() => phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1))
          .toBe(true);
        await shotViewport(phone.page, `daily-ticket-long-${lang}-phone`);
        await a11y.check(phone.page, `ticket page, long thread (${lang}, phone)`);
        await phone.page.getByTestId('reply-bar-reply').click();
        await expect.poll(() => editorFocused(phone.page)).toBe(true);
        await typeInEditor(richEditor(phone.page, tr(lang, 'ticket.replyBody')), 'Phone draft');
        await phone.page.getByTestId('reply-submit').scrollIntoViewIfNeeded();
        await shotViewport(phone.page, `daily-reply-box-${lang}-phone`);
        await a11y.check(phone.page, `reply box (${lang}, phone)`);
        await phone.page.getByTestId('reply-discard').click();
        await phone.page.getByTestId('discard-dialog').waitFor();
        await shotViewport(phone.page, `daily-discard-draft-${lang}-phone`);
        await phone.page.getByTestId('discard-confirm').click();
        await expect.poll(() => richEditor(phone.page, tr(lang, 'ticket.replyBody')).textContent()).toBe('');
      } finally {
        await switchLanguage(phone.page, 'fa');
      }
      expect(phone.errors).toEqual([]);
    }
    expect(desk.errors).toEqual([]);
  });

  it('7: the ticket center and the ticket page answer the Persian layout (key «ت», code KeyJ…)', async () => {
    const { page, errors } = await person('sara');
    await page.goto('/agent/tickets?status=any&sort=-created');
    await settled(page);
    await page.getByTestId(`ticket-row-${thirdTicket}`).waitFor();

    // j («ت») focuses the first row, j again the second, k («ن») back to the first.
    await persianKey(page, 'ت', 'KeyJ');
    await expect.poll(() => activeTestId(page)).toBe(`ticket-row-${thirdTicket}`);
    await persianKey(page, 'ت', 'KeyJ');
    await expect.poll(() => activeTestId(page)).toBe(`ticket-row-${otherTicket}`);
    await persianKey(page, 'ن', 'KeyK');
    await expect.poll(() => activeTestId(page)).toBe(`ticket-row-${thirdTicket}`);
    // x («ط») selects the focused row: the bulk bar appears.
    await persianKey(page, 'ط', 'KeyX');
    await expect.poll(() => page.getByTestId(`ticket-row-${thirdTicket}`).getByRole('checkbox').isChecked()).toBe(true);
    await persianKey(page, 'ط', 'KeyX');
    await expect
      .poll(() => page.getByTestId(`ticket-row-${thirdTicket}`).getByRole('checkbox').isChecked())
      .toBe(false);
    // "/" goes to the search; «؟» (Shift+Slash) opens the help, which says letters work in Persian.
    await page.evaluate(() => document.activeElement?.blur());
    await persianKey(page, '/', 'Slash');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName as string)).toBe('INPUT');
    await page.evaluate(() => document.activeElement?.blur());
    await persianKey(page, '؟', 'Slash', true);
    await page.getByTestId('shortcuts-dialog').getByText(tr('fa', 'center.keys.anyLayout')).waitFor();
    await shotViewport(page, 'daily-center-shortcuts-fa-desktop');
    await a11y.check(page, 'ticket center shortcuts (fa)');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });

    // Enter opens the focused row; on the ticket page j («ت») goes to the next one of the list.
    await persianKey(page, 'ن', 'KeyK');
    await expect.poll(() => activeTestId(page)).toBe(`ticket-row-${thirdTicket}`);
    // (Waiting for the ticket's own heading: the list stays on screen until the page's chunk is in.)
    const heading = (subject: string) => page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/agent/tickets/${thirdTicket}`);
    await heading(SUBJECTS.third);
    await settled(page);
    await persianKey(page, 'ت', 'KeyJ');
    await page.waitForURL((u) => u.pathname === `/agent/tickets/${otherTicket}`);
    await heading(SUBJECTS.other);
    await settled(page);
    await persianKey(page, 'ن', 'KeyK');
    await page.waitForURL((u) => u.pathname === `/agent/tickets/${thirdTicket}`);
    await heading(SUBJECTS.third);
    await settled(page);
    // n («د») opens an internal note, r («ق») a reply.
    await persianKey(page, 'د', 'KeyN');
    await expect.poll(() => editorFocused(page)).toBe(true);
    await expect.poll(() => page.getByTestId('reply-kind-note').getAttribute('aria-selected')).toBe('true');
    await page.evaluate(() => document.activeElement?.blur());
    await persianKey(page, 'ق', 'KeyR');
    await expect.poll(() => page.getByTestId('reply-kind-reply').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => editorFocused(page)).toBe(true);
    // Typing Persian letters in the editor never fires a shortcut.
    await page.keyboard.type('قدت');
    expect(new URL(page.url()).pathname).toBe(`/agent/tickets/${thirdTicket}`);
    await page.getByTestId('reply-discard').click();
    await page.getByTestId('discard-confirm').click();
    expect(errors).toEqual([]);
  });
});
