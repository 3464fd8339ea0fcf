import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Person } from './helpers/browser';
import {
  richEditor,
  settled,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  typeInEditor,
  webEnv,
  type Lang,
} from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

// Callbacks given to page.evaluate run in the page (no DOM types in the tests' TypeScript setup).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page globals, see helpers/browser.ts
declare const localStorage: any;

/**
 * Issue 14, point 8 — no lost typing:
 * - 8a: unsent replies are kept per ticket in the browser (agent and customer) through leaving
 *   and reloading, and cleared by sending or discarding;
 * - 8b: form dialogs (ticket fields, transfer, notes, admin forms, a new API token) ask before
 *   throwing away what was typed — on Esc, a click outside and Cancel — and close at once when
 *   nothing changed.
 */
describe('no lost typing: reply drafts and form dialogs', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: ApiClient;
  let otherTicket = 0;
  let thirdTicket = 0;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function person(who: string): Promise<Person> {
    const p = await signedInPerson(browser, server.base, who);
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
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    const open = async (subject: string) =>
      (
        await ali.post<{ number: number }>('/tickets', {
          subject,
          body: '<p>پرینتر طبقهٔ دوم از صبح خطای شبکه می‌دهد و هیچ کاری چاپ نمی‌شود.</p>',
          departmentId: deps.items[0].id,
        })
      ).number;
    otherTicket = await open('VPN disconnects every ten minutes');
    thirdTicket = await open('رمز ایمیل دانشگاهی را فراموش کرده‌ام');
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('8a: drafts are kept per ticket through leaving and reloading; sending or discarding clears them', async () => {
    const { page, errors } = await person('sara');
    const editor = () => richEditor(page, tr('fa', 'ticket.replyBody'));
    const noteEditor = () => richEditor(page, tr('fa', 'ticket.noteBody'));
    const draftA = 'Draft for the VPN ticket: try the new profile.';
    const draftB = 'یادداشت: با واحد شبکه هماهنگ شد.';

    await openTicket(page, otherTicket);
    await typeInEditor(editor(), draftA);
    await page.getByTestId('reply-draft-saved').waitFor();

    // Another ticket: its box is empty; an internal note draft there.
    await openTicket(page, thirdTicket);
    await expect.poll(() => editor().textContent()).toBe('');
    await page.getByTestId('reply-kind-note').click();
    await typeInEditor(noteEditor(), draftB);

    // A reload keeps it — as a note, not as a reply to the customer.
    await page.reload();
    await settled(page);
    await expect.poll(() => noteEditor().textContent()).toBe(draftB);
    expect(await page.getByTestId('reply-kind-note').getAttribute('aria-selected')).toBe('true');

    // Back to the first ticket: its own draft, not the other one.
    await openTicket(page, otherTicket);
    await expect.poll(() => editor().textContent()).toBe(draftA);
    await shotViewport(page, 'daily-draft-restored-fa-desktop');

    // Sending clears it, also from the browser's storage.
    const keys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k: string) => k.startsWith('pishkhan.draft.'))) as Promise<
        string[]
      >;
    expect((await keys()).length).toBe(2);
    await page.getByTestId('reply-submit').click();
    await expect.poll(() => editor().textContent()).toBe('');
    await expect.poll(async () => (await keys()).length).toBe(1);
    await page.reload();
    await settled(page);
    await expect.poll(() => editor().textContent()).toBe('');

    // Discarding asks first; "keep" keeps, "discard" clears.
    await openTicket(page, thirdTicket);
    await expect.poll(() => noteEditor().textContent()).toBe(draftB);
    await page.getByTestId('reply-discard').click();
    await page.getByTestId('discard-dialog').waitFor();
    await shotViewport(page, 'daily-discard-draft-fa-desktop');
    await a11y.check(page, 'discard draft dialog (fa)');
    await page.getByTestId('discard-keep').click();
    await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
    expect(await noteEditor().textContent()).toBe(draftB);
    await page.getByTestId('reply-discard').click();
    await page.getByTestId('discard-confirm').click();
    await expect.poll(() => noteEditor().textContent()).toBe('');
    await expect.poll(async () => (await keys()).length).toBe(0);
    expect(errors).toEqual([]);
  });

  it('8a: the customer’s reply in the portal keeps its draft the same way', async () => {
    const { page, errors } = await person('ali');
    const editor = () => richEditor(page, tr('fa', 'thread.reply.label'));
    const text = 'The printer still shows the error this afternoon.';
    await page.goto(`/portal/tickets/${otherTicket}`);
    await settled(page);
    await typeInEditor(editor(), text);
    await page.goto(`/portal/tickets/${thirdTicket}`);
    await settled(page);
    await expect.poll(() => editor().textContent()).toBe('');
    await page.goto(`/portal/tickets/${otherTicket}`);
    await settled(page);
    await page.reload();
    await settled(page);
    await expect.poll(() => editor().textContent()).toBe(text);
    await page.getByTestId('reply-draft-saved').waitFor();
    await shotViewport(page, 'daily-portal-draft-fa-desktop');
    await a11y.check(page, 'portal ticket with a draft (fa)');
    const sent = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/tickets/${otherTicket}/messages`) && r.request().method() === 'POST',
    );
    await editor().click();
    await page.keyboard.press('Control+Enter');
    expect((await sent).status()).toBeLessThan(300);
    await expect.poll(() => editor().textContent()).toBe('');
    await page.reload();
    await settled(page);
    await expect.poll(() => editor().textContent()).toBe('');
    expect(errors).toEqual([]);
  });

  it('8b: form dialogs ask before discarding changes (Esc, outside, Cancel); unchanged ones close at once', async () => {
    const check = async (
      page: Page,
      open: () => Promise<void>,
      change: () => Promise<void>,
      name: string,
      lang: Lang,
    ) => {
      const dialog = page.getByRole('dialog');
      // Unchanged: Esc closes at once.
      await open();
      await dialog.first().waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      // Changed: Esc asks; "keep editing" keeps the change.
      await open();
      await change();
      await page.keyboard.press('Escape');
      await page.getByTestId('discard-dialog').waitFor();
      await shotViewport(page, `daily-discard-${name}-${lang}-desktop`);
      await a11y.check(page, `discard dialog over ${name} (${lang})`);
      await page.getByTestId('discard-keep').click();
      await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
      expect(await dialog.count()).toBe(1);
      // A click outside asks too; Cancel asks; "discard" closes.
      await page.mouse.click(5, 5);
      await page.getByTestId('discard-dialog').waitFor();
      await page.getByTestId('discard-keep').click();
      await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
      await dialog.getByRole('button', { name: tr(lang, 'common.cancel'), exact: true }).click();
      await page.getByTestId('discard-confirm').click();
      await expect.poll(() => dialog.count()).toBe(0);
    };

    // The agent's ticket dialogs.
    const agent = await person('sara');
    await openTicket(agent.page, thirdTicket);
    await check(
      agent.page,
      () => agent.page.getByTestId('edit-fields').click(),
      () =>
        agent.page
          .getByTestId('edit-fields-dialog')
          .getByRole('textbox', { name: tr('fa', 'ticket.subject') })
          .fill('A changed subject'),
      'edit-fields',
      'fa',
    );
    await switchLanguage(agent.page, 'en');
    try {
      await check(
        agent.page,
        () => agent.page.getByTestId('edit-fields').click(),
        () =>
          agent.page
            .getByTestId('edit-fields-dialog')
            .getByRole('textbox', { name: tr('en', 'ticket.subject') })
            .fill('A changed subject'),
        'edit-fields',
        'en',
      );
    } finally {
      await switchLanguage(agent.page, 'fa');
    }
    // The subject was not changed by any of it.
    expect((await sara.get<{ subject: string }>(`/tickets/${thirdTicket}`)).subject).not.toBe('A changed subject');

    // An admin form (EntityDialog, which compares its fields by itself).
    const admin = await person('admin');
    await admin.page.goto('/admin/departments');
    await settled(admin.page);
    await check(
      admin.page,
      () => admin.page.getByTestId('admin-create').click(),
      // Typed like a person: this dialog notices changes by itself, from the fields.
      () => admin.page.getByTestId('department-name').pressSequentially('Library desk'),
      'department',
      'fa',
    );

    // The profile's new API token.
    await admin.page.goto('/profile');
    await settled(admin.page);
    await check(
      admin.page,
      () => admin.page.getByTestId('api-token-new').click(),
      () => admin.page.getByTestId('api-token-name').pressSequentially('backup script'),
      'api-token',
      'fa',
    );
    expect([...agent.errors, ...admin.errors]).toEqual([]);
  });
});
