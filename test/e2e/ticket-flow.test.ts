import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, signIn, type Person } from './helpers/browser';
import {
  chooseOption,
  liveStreamConnected,
  markDocument,
  pngBytes,
  richEditor,
  sameDocument,
  shotFromTop,
  softA11y,
  switchLanguage,
  tr,
  typeInEditor,
  webEnv,
  type Lang,
} from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * The main loop of the helpdesk, across two browsers at once: the customer ali opens a ticket
 * with a file; the agent sara, whose ticket center is already open, sees it arrive live, opens
 * it, sees the file and answers (status "pending"); ali, whose ticket page is open, sees the
 * answer and the new status without reloading, and downloads his file back byte for byte.
 * Then the same screens in English and at phone width, each checked with axe.
 */
describe('ticket flow: customer → agent → customer, live', () => {
  let server: E2EServer;
  let browser: Browser;
  let tmp: string;
  const png = pngBytes(24);
  const fileName = 'screenshot.png';
  const subject = `Printer in room 204 is offline ${Date.now()}`;
  const body = 'The printer shows a network error since this morning.';
  const answer = 'We restarted the print server; please try again and tell us.';
  let number = 0;
  const people: Person[] = [];

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    tmp = mkdtempSync(join(tmpdir(), 'pishkhan-flow-'));
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function person(screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen);
    p.context.setDefaultTimeout(30_000); // a loaded 2-core machine: be patient, never sleep
    people.push(p);
    return p;
  }

  /** Screenshot and axe of one main screen (violations collected, asserted after each test). */
  const a11y = softA11y();
  async function screen(page: Page, name: string, lang: Lang, size: 'desktop' | 'phone') {
    await shotFromTop(page, `${name}-${lang}-${size}`);
    await a11y.check(page, `${name} (${lang}, ${size})`);
  }
  afterEach(() => a11y.assertNone());

  it('ali creates a ticket with a file; sara sees it live, answers "pending"; ali sees the answer live and downloads his file', async () => {
    const sara = await person();
    const ali = await person();

    // sara's ticket center is open (and its live stream connected) before the ticket exists.
    // Newest first, so the row is on the first page however many demo tickets wait longer.
    await sara.page.goto('/login');
    await signIn(sara.page, 'sara');
    const saraLive = liveStreamConnected(sara.page);
    await sara.page.goto('/agent/tickets?sort=-created');
    await sara.page.getByRole('heading', { level: 1, name: tr('fa', 'center.title') }).waitFor();
    await sara.page.getByTestId('center-total').filter({ hasText: /\S/ }).waitFor();
    await saraLive;
    await markDocument(sara.page);

    // ali: portal dashboard → new ticket.
    await ali.page.goto('/login');
    const aliLive = liveStreamConnected(ali.page); // opened by the signed-in shell, kept across its pages
    await signIn(ali.page, 'ali');
    await ali.page.waitForURL((u) => u.pathname === '/portal');
    await ali.page
      .getByRole('heading', { level: 1, name: tr('fa', 'portal.dashboard.greeting', { name: '' }).trim() })
      .waitFor();
    await expect.poll(() => ali.page.getByTestId('counter-open').textContent()).toMatch(/[0-9۰-۹]/);
    await screen(ali.page, 'portal-dashboard', 'fa', 'desktop');

    await ali.page.getByTestId('portal-new-ticket').click();
    await ali.page.waitForURL((u) => u.pathname === '/portal/new');
    const aliApi = await ApiClient.login(server.base, 'ali');
    const departments = await aliApi.get<{ items: Array<{ id: string; name: string }> }>('/departments', {
      pageSize: 100,
    });
    expect(departments.items.length).toBeGreaterThan(0);
    const department = departments.items[0];
    await chooseOption(ali.page, ali.page.getByTestId('new-ticket-department'), department.name);
    await ali.page.getByTestId('new-ticket-subject').getByRole('textbox').fill(subject);
    await typeInEditor(richEditor(ali.page, tr('fa', 'portal.new.body')), body);

    const filePath = join(tmp, fileName);
    writeFileSync(filePath, png);
    const uploaded = ali.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/uploads' && r.request().method() === 'POST',
    );
    await ali.page.getByTestId('attachment-input').setInputFiles(filePath);
    expect((await uploaded).status()).toBeLessThan(300);
    // Finished: the file is listed with its remove button, no progress bar left, submit enabled.
    await ali.page.getByRole('button', { name: tr('fa', 'attachments.remove', { name: fileName }) }).waitFor();
    await ali.page.getByRole('progressbar').waitFor({ state: 'detached' });
    await expect.poll(() => ali.page.getByTestId('new-ticket-submit').isEnabled()).toBe(true);
    await screen(ali.page, 'portal-new-ticket', 'fa', 'desktop');

    await ali.page.getByTestId('new-ticket-submit').click();
    await ali.page.waitForURL((u) => /^\/portal\/tickets\/\d+$/.test(u.pathname));
    number = Number(new URL(ali.page.url()).pathname.split('/').pop());
    expect(number).toBeGreaterThan(0);
    await ali.page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await expect.poll(() => ali.page.getByTestId('ticket-status').getAttribute('data-status')).toBe('active');
    await ali.page.getByTestId('thread-message').first().waitFor();
    await aliLive;
    await markDocument(ali.page);

    // sara: the row arrives by itself, the page was not reloaded, and the "new" counter shows it.
    const row = sara.page.getByTestId(`ticket-row-${number}`);
    await row.waitFor({ timeout: 30_000 });
    expect(await sameDocument(sara.page)).toBe(true);
    await expect.poll(() => row.textContent()).toContain(subject);
    await sara.page.getByTestId('center-new-count').waitFor();
    await screen(sara.page, 'ticket-center', 'fa', 'desktop');

    // sara opens it, sees ali's message and file, and answers with "pending".
    await row.getByRole('link', { name: subject }).click();
    await sara.page.waitForURL((u) => u.pathname === `/agent/tickets/${number}`);
    await sara.page.getByRole('heading', { level: 1, name: subject }).waitFor();
    const saraThread = sara.page.getByTestId('thread-message');
    await expect.poll(() => saraThread.count()).toBe(1);
    await expect.poll(() => saraThread.first().textContent()).toContain(body);
    await expect.poll(() => saraThread.first().getByTestId('attachment-link').textContent()).toBe(fileName);
    await typeInEditor(richEditor(sara.page, tr('fa', 'ticket.replyBody')), answer);
    // "Send and set pending" is the reply's main button (issue 14: one click, no status to choose first).
    await expect
      .poll(() => sara.page.getByTestId('reply-submit').textContent())
      .toBe(tr('fa', 'ticket.sendAs.pending'));
    await screen(sara.page, 'agent-ticket', 'fa', 'desktop');
    const sent = sara.page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/tickets/${number}/messages` && r.request().method() === 'POST',
    );
    await sara.page.getByTestId('reply-submit').click();
    expect((await sent).status()).toBeLessThan(300);
    await expect.poll(() => saraThread.count()).toBe(2);
    await expect.poll(() => sara.page.getByTestId('ticket-status').getAttribute('data-status')).toBe('pending');

    // ali: the answer and the new status arrive on the open page, without a reload.
    const aliThread = ali.page.getByTestId('thread-message');
    await expect.poll(() => aliThread.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => aliThread.nth(1).textContent()).toContain(answer);
    await expect.poll(() => ali.page.getByTestId('ticket-status').getAttribute('data-status')).toBe('pending');
    await expect.poll(() => ali.page.getByTestId('ticket-status').textContent()).toBe(tr('fa', 'status.pending'));
    await ali.page.getByText(tr('fa', 'portal.ticket.pendingHint')).waitFor();
    expect(await sameDocument(ali.page)).toBe(true);
    await screen(ali.page, 'portal-ticket', 'fa', 'desktop');

    // ali downloads his file: the same bytes, under its name.
    const link = aliThread.first().getByTestId('attachment-link');
    expect(await link.textContent()).toBe(fileName);
    const [download] = await Promise.all([ali.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = await download.path();
    expect(Buffer.compare(readFileSync(saved), png)).toBe(0);

    // The API agrees: pending, two replies, the file on the first.
    const fromApi = await aliApi.get<{ status: string }>(`/tickets/${number}`);
    expect(fromApi.status).toBe('pending');
    const messages = await aliApi.get<{
      items: Array<{ kind: string; attachments: Array<{ name: string; size: number }> }>;
    }>(`/tickets/${number}/messages`);
    expect(messages.items.map((m) => m.kind)).toEqual(['reply', 'reply']);
    expect(messages.items[0].attachments).toEqual([expect.objectContaining({ name: fileName, size: png.length })]);

    // ali's list of tickets shows it, pending.
    await ali.page
      .getByRole('navigation', { name: tr('fa', 'nav.main') })
      .getByRole('link', { name: tr('fa', 'nav.myTickets') })
      .click();
    await ali.page.waitForURL((u) => u.pathname === '/portal/tickets');
    await ali.page.getByRole('link', { name: subject }).first().waitFor();
    await screen(ali.page, 'portal-my-tickets', 'fa', 'desktop');

    expect([...ali.errors, ...sara.errors]).toEqual([]);
    await ali.context.close();
    await sara.context.close();
  });

  it('the same six screens in English pass axe (desktop)', async () => {
    expect(number, 'needs the ticket of the first test').toBeGreaterThan(0);
    const ali = await person();
    await (await ApiClient.login(server.base, 'ali')).shareWith(ali.context);
    await ali.page.goto('/portal');
    await ali.page.getByTestId('portal-new-ticket').waitFor();
    await switchLanguage(ali.page, 'en');
    try {
      await ali.page
        .getByRole('heading', { level: 1, name: tr('en', 'portal.dashboard.greeting', { name: '' }).trim() })
        .waitFor();
      await ali.page.getByRole('link', { name: subject }).first().waitFor();
      await screen(ali.page, 'portal-dashboard', 'en', 'desktop');

      await ali.page.getByTestId('portal-new-ticket').click();
      await ali.page.getByRole('heading', { level: 1, name: tr('en', 'portal.new.title') }).waitFor();
      await richEditor(ali.page, tr('en', 'portal.new.body')).waitFor();
      await screen(ali.page, 'portal-new-ticket', 'en', 'desktop');

      await ali.page
        .getByRole('navigation', { name: tr('en', 'nav.main') })
        .getByRole('link', { name: tr('en', 'nav.myTickets') })
        .click();
      await ali.page.getByRole('heading', { level: 1, name: tr('en', 'portal.list.title') }).waitFor();
      await ali.page.getByRole('link', { name: subject }).first().click();
      await ali.page.waitForURL((u) => u.pathname === `/portal/tickets/${number}`);
      await ali.page.getByRole('heading', { level: 1, name: subject }).waitFor();
      await expect.poll(() => ali.page.getByTestId('thread-message').count()).toBe(2);
      await expect.poll(() => ali.page.getByTestId('ticket-status').textContent()).toBe(tr('en', 'status.pending'));
      await screen(ali.page, 'portal-ticket', 'en', 'desktop');
      await ali.page.goBack();
      await ali.page.getByRole('link', { name: subject }).first().waitFor();
      await screen(ali.page, 'portal-my-tickets', 'en', 'desktop');
    } finally {
      await switchLanguage(ali.page, 'fa'); // ali's account keeps Persian for the phone test
    }

    const sara = await person();
    await (await ApiClient.login(server.base, 'sara')).shareWith(sara.context);
    await sara.page.goto('/agent/tickets?status=any&sort=-created');
    await sara.page.getByTestId(`ticket-row-${number}`).waitFor();
    await switchLanguage(sara.page, 'en');
    try {
      await sara.page.getByRole('heading', { level: 1, name: tr('en', 'center.title') }).waitFor();
      await expect
        .poll(() => sara.page.getByTestId(`ticket-row-${number}`).textContent())
        .toContain(tr('en', 'status.pending'));
      await screen(sara.page, 'ticket-center', 'en', 'desktop');
      await sara.page.getByTestId(`ticket-row-${number}`).getByRole('link', { name: subject }).click();
      await sara.page.getByRole('heading', { level: 1, name: subject }).waitFor();
      await expect.poll(() => sara.page.getByTestId('thread-message').count()).toBe(2);
      await richEditor(sara.page, tr('en', 'ticket.replyBody')).waitFor();
      await screen(sara.page, 'agent-ticket', 'en', 'desktop');
    } finally {
      await switchLanguage(sara.page, 'fa');
    }
    expect([...ali.errors, ...sara.errors]).toEqual([]);
  });

  it('the six screens at phone width (360 px, Persian) pass axe and do not scroll sideways', async () => {
    expect(number, 'needs the ticket of the first test').toBeGreaterThan(0);
    const noSideScroll = async (page: Page) =>
      expect
        .poll(() => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1'), {
          message: `${page.url()} scrolls sideways at 360 px`,
        })
        .toBe(true);

    const ali = await person('phone');
    await (await ApiClient.login(server.base, 'ali')).shareWith(ali.context);
    await ali.page.goto('/portal');
    await ali.page.getByRole('link', { name: subject }).first().waitFor();
    await noSideScroll(ali.page);
    await screen(ali.page, 'portal-dashboard', 'fa', 'phone');

    await ali.page.goto('/portal/new');
    await richEditor(ali.page, tr('fa', 'portal.new.body')).waitFor();
    await noSideScroll(ali.page);
    await screen(ali.page, 'portal-new-ticket', 'fa', 'phone');

    await ali.page.goto('/portal/tickets');
    await ali.page.getByRole('link', { name: subject }).first().waitFor();
    await noSideScroll(ali.page);
    await screen(ali.page, 'portal-my-tickets', 'fa', 'phone');

    await ali.page.goto(`/portal/tickets/${number}`);
    await expect.poll(() => ali.page.getByTestId('thread-message').count()).toBe(2);
    await noSideScroll(ali.page);
    await screen(ali.page, 'portal-ticket', 'fa', 'phone');

    const sara = await person('phone');
    await (await ApiClient.login(server.base, 'sara')).shareWith(sara.context);
    await sara.page.goto('/agent/tickets?status=any&sort=-created');
    await sara.page.getByTestId(`ticket-row-${number}`).waitFor();
    await noSideScroll(sara.page);
    await screen(sara.page, 'ticket-center', 'fa', 'phone');

    await sara.page.goto(`/agent/tickets/${number}`);
    await expect.poll(() => sara.page.getByTestId('thread-message').count()).toBe(2);
    await richEditor(sara.page, tr('fa', 'ticket.replyBody')).waitFor();
    await noSideScroll(sara.page);
    await screen(sara.page, 'agent-ticket', 'fa', 'phone');
    expect([...ali.errors, ...sara.errors]).toEqual([]);
  });
});
