import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import {
  liveStreamConnected,
  richEditor,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  typeInEditor,
  webEnv,
  type Lang,
} from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

interface Message {
  id: string;
  kind: string;
  body: string;
  author: { name: string };
}

/**
 * C14, the reply collision: sara writes an answer while reza answers the same ticket. Sending
 * is refused and a dialog shows reza's newer message; "send anyway" posts sara's answer after
 * it. In a second round "cancel and review" closes the dialog and keeps the draft, which then
 * goes out without a second warning.
 */
describe('reply collision', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: Person;
  let reza: ApiClient;
  let number = 0;
  const a11y = softA11y();

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();

    // A ticket of ali's in a department of reza's (reza only answers in his departments).
    reza = await ApiClient.login(server.base, 'reza');
    const rezaMe = await reza.get<{ user: { departmentIds: string[] } }>('/auth/me');
    const ali = await ApiClient.login(server.base, 'ali');
    const departments = await ali.get<{ items: Array<{ id: string }> }>('/departments', { pageSize: 100 });
    const department = departments.items.find((d) => rezaMe.user.departmentIds.includes(d.id));
    if (!department)
      throw new Error(`ali can write to none of reza's departments (${rezaMe.user.departmentIds.join(', ')})`);
    const ticket = await ali.post<{ number: number }>('/tickets', {
      departmentId: department.id,
      subject: 'VPN drops every ten minutes',
      body: '<p>Since Monday the VPN disconnects every ten minutes.</p>',
    });
    number = ticket.number;
    await reza.get(`/tickets/${number}`); // reza sees it, or this fails here rather than later
  });
  afterAll(async () => {
    await sara?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => a11y.assertNone());

  const thread = () => sara.page.getByTestId('thread-message');
  const editor = (lang: Lang) => richEditor(sara.page, tr(lang, 'ticket.replyBody'));
  const messages = async () => (await reza.get<{ items: Message[] }>(`/tickets/${number}/messages`)).items;

  it('sara’s answer collides with reza’s; the dialog shows his message; "send anyway" posts hers after it', async () => {
    sara = await newPerson(browser, server.base);
    sara.context.setDefaultTimeout(30_000);
    await (await ApiClient.login(server.base, 'sara')).shareWith(sara.context);
    const live = liveStreamConnected(sara.page);
    await sara.page.goto(`/agent/tickets/${number}`);
    await live;
    await expect.poll(() => thread().count()).toBe(1);

    const draft = 'Please reinstall the VPN client from the portal and tell us.';
    await typeInEditor(editor('fa'), draft);

    // Meanwhile reza answers through the API. sara's page shows it live and says it is unread.
    const rezaText = 'Reza here: we changed the VPN idle timeout, it should hold now.';
    await reza.post(`/tickets/${number}/messages`, { kind: 'reply', body: `<p>${rezaText}</p>` });
    await expect.poll(() => thread().count(), { timeout: 30_000 }).toBe(2);
    await sara.page.getByTestId('unseen-messages').waitFor();
    expect(await editor('fa').textContent()).toContain(draft);

    // Sending is refused: the dialog shows reza's message, and nothing was posted.
    const refused = sara.page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/tickets/${number}/messages` && r.request().method() === 'POST',
    );
    await sara.page.getByTestId('reply-submit').click();
    expect((await refused).status()).toBe(409);
    const dialog = sara.page.getByTestId('collision-dialog');
    await dialog.waitFor();
    await dialog.getByRole('heading', { name: tr('fa', 'ticket.collision.title') }).waitFor();
    await expect.poll(() => dialog.getByTestId('collision-message').count()).toBe(1);
    expect(await dialog.getByTestId('collision-message').textContent()).toContain(rezaText);
    expect((await messages()).length).toBe(2);
    await shotViewport(sara.page, 'collision-dialog-fa-desktop');
    await a11y.check(sara.page, 'collision dialog (fa)');

    // Send anyway: the dialog closes, sara's answer follows reza's, the editor is empty again.
    const forced = sara.page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/tickets/${number}/messages` && r.request().method() === 'POST',
    );
    await sara.page.getByTestId('collision-send-anyway').click();
    expect((await forced).status()).toBeLessThan(300);
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => thread().count()).toBe(3);
    await expect.poll(() => thread().nth(1).textContent()).toContain(rezaText);
    await expect.poll(() => thread().nth(2).textContent()).toContain(draft);
    await expect.poll(() => editor('fa').textContent()).toBe('');
    const all = await messages();
    expect(all.map((m) => m.kind)).toEqual(['reply', 'reply', 'reply']);
    expect(all[1].body).toContain(rezaText);
    expect(all[2].body).toContain(draft);
    expect(sara.errors).toEqual([]);
  });

  it('second round, in English: "cancel and review" keeps the draft, which then goes out without a new warning', async () => {
    expect(number, 'needs the first test').toBeGreaterThan(0);
    await switchLanguage(sara.page, 'en');
    try {
      await editor('en').waitFor();
      const draft = 'One more thing: please send us the client log file.';
      await typeInEditor(editor('en'), draft);

      const rezaText = 'Reza again: the log is in Settings, Diagnostics.';
      await reza.post(`/tickets/${number}/messages`, { kind: 'reply', body: `<p>${rezaText}</p>` });
      await expect.poll(() => thread().count(), { timeout: 30_000 }).toBe(4);

      await sara.page.getByTestId('reply-submit').click();
      const dialog = sara.page.getByTestId('collision-dialog');
      await dialog.waitFor();
      await dialog.getByRole('heading', { name: tr('en', 'ticket.collision.title') }).waitFor();
      expect(await dialog.getByTestId('collision-message').textContent()).toContain(rezaText);
      await shotViewport(sara.page, 'collision-dialog-en-desktop');
      await a11y.check(sara.page, 'collision dialog (en)');

      // Cancel and review: no dialog, nothing sent, the draft is still in the editor (and saved).
      expect(await dialog.getByTestId('collision-review').textContent()).toBe(tr('en', 'ticket.collision.review'));
      await dialog.getByTestId('collision-review').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => editor('en').textContent()).toContain(draft);
      // Kept in the browser per person and ticket (issue 14: it survives a reload).
      const kept = (await sara.page.evaluate(
        `Object.keys(localStorage).filter((k) => k.startsWith('pishkhan.draft.') && k.endsWith('.${number}')).map((k) => localStorage.getItem(k)).join('')`,
      )) as string;
      expect(kept).toContain(draft);
      expect((await messages()).length).toBe(4);
      await expect.poll(() => sara.page.getByTestId('reply-submit').isEnabled()).toBe(true);

      // reza's message counts as seen now: sending goes through at once.
      const sent = sara.page.waitForResponse(
        (r) => new URL(r.url()).pathname === `/api/v1/tickets/${number}/messages` && r.request().method() === 'POST',
      );
      await sara.page.getByTestId('reply-submit').click();
      expect((await sent).status()).toBeLessThan(300);
      await expect.poll(() => thread().count()).toBe(5);
      await expect.poll(() => thread().nth(4).textContent()).toContain(draft);
      expect(await sara.page.getByTestId('collision-dialog').count()).toBe(0);
      const all = await messages();
      expect(
        all
          .map((m) => m.body)
          .slice(3)
          .join(' '),
      ).toContain(draft);
      expect(all[3].body).toContain(rezaText);
      expect(sara.errors).toEqual([]);
    } finally {
      await switchLanguage(sara.page, 'fa');
    }
  });
});
