import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverFa from '../../src/server/i18n/fa.json';
import serverEn from '../../src/server/i18n/en.json';
import { DOVECOT_BIN, freePort, startDovecot, type Dovecot } from '../helpers/dovecot';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import { richEditor, setLang, settled, shotFromTop, shotViewport, softA11y, tr, typeInEditor, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

const SERVER_TEXTS: Record<Lang, Record<string, string>> = { fa: serverFa, en: serverEn };
const LANGS: Lang[] = ['fa', 'en'];

/**
 * Mail in the browser: an agent imports a saved e-mail (.eml) from the ticket center and lands
 * on the new ticket (C19); a reply shows whether it went out by e-mail (F3); the admin's
 * mailbox list shows each mailbox's state, fetches on demand and opens its quarantine (F2) —
 * with a real IMAP server (Dovecot) when installed, so a broken mail lands there and is tried
 * again; a customer's alternate e-mails are edited in the person dialog. Persian and English,
 * desktop and phone, each screen checked with axe.
 */

interface ListOf<T> {
  items: T[];
  total: number;
}
interface Mailbox {
  id: string;
  address: string;
  status: { lastError: string | null; lastFetchAt: string | null };
}

/** A plain-text e-mail as a mail program saves it (CRLF lines, encoded-word headers). */
function eml(o: { from: string; subject: string; messageId: string; body: string; noFrom?: boolean }): Buffer {
  const word = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
  const headers = [
    ...(o.noFrom ? [] : [`From: ${o.from}`]),
    'To: support@demo.pishkhan.local',
    `Subject: ${word(o.subject)}`,
    `Message-ID: ${o.messageId}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${Buffer.from(o.body, 'utf8').toString('base64')}\r\n`);
}

/**
 * Picks an option of a (single) MUI select inside a dialog. Unlike chooseOption it never
 * presses Escape to close the menu: in a dialog, that would close the dialog.
 */
async function pickOption(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await select.getByRole('combobox').click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

describe('mail: .eml import, delivery state, mailboxes and quarantine', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  let tmp: string;
  let dovecot: Dovecot | null = null;
  const people: Person[] = [];
  /** The ticket sara imports in the first test (the reply test uses it). */
  const imported: Partial<Record<Lang, { number: number; subject: string; from: string }>> = {};
  const stamp = Date.now() % 1_000_000;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pishkhan-mail-e2e-'));
    const env: Record<string, string> = { ...webEnv() };
    if (existsSync(DOVECOT_BIN)) {
      try {
        dovecot = await startDovecot({ users: [{ user: 'e2ebox', password: 'e2e-secret' }] });
        writeFileSync(join(tmp, 'ca.pem'), dovecot.caCertPem);
        env.MAIL_TLS_CA_FILE = join(tmp, 'ca.pem');
      } catch (err) {
        console.warn(`Dovecot did not start; the quarantine is tested empty only: ${(err as Error).message}`);
        dovecot = null;
      }
    }
    server = await startServer({ env });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
  }, 180_000);
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await dovecot?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A browser already signed in as `who` (the API session is handed over). */
  async function signedIn(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen);
    p.context.setDefaultTimeout(30_000);
    people.push(p);
    await (await ApiClient.login(server.base, who)).shareWith(p.context);
    return p;
  }

  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  /** The page is no wider than a 360 px phone. */
  async function fitsPhone(page: Page, what: string) {
    const overflow = ((await page.evaluate('document.scrollingElement.scrollWidth')) as number) - page.viewportSize()!.width;
    expect(overflow, `${what} is ${overflow}px wider than a 360px phone`).toBeLessThanOrEqual(1);
  }

  it('sara imports an .eml from the ticket center and lands on the new ticket; the same mail again names that ticket', async () => {
    const saraApi = await ApiClient.login(server.base, 'sara');
    const me = await saraApi.get<{ permissions: string[] }>('/auth/me');
    expect(me.permissions, 'the demo access level of sara grants tickets.import').toContain('tickets.import');
    const departments = await saraApi.get<ListOf<{ id: string; name: string; active: boolean }>>('/departments', { pageSize: 100 });
    const department = departments.items.find((d) => d.active)!;

    const sara = await signedIn('sara');
    const { page } = sara;
    try {
      for (const lang of LANGS) {
        const subject = lang === 'fa' ? `چاپگر طبقه دوم کار نمی‌کند ${stamp}` : `Second floor printer is down ${stamp}`;
        const from = `nima.${lang}.${stamp}@example.org`;
        const file = join(tmp, `message-${lang}.eml`);
        writeFileSync(file, eml({ from: `Nima Rahimi <${from}>`, subject, messageId: `<e2e-import-${lang}-${stamp}@example.org>`, body: lang === 'fa' ? 'سلام، چاپگر خطای شبکه می‌دهد.' : 'Hello, the printer shows a network error.' }));

        await page.goto('/agent/tickets');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'center.title') }).waitFor();
        await page.getByTestId('center-import').click();
        const dialog = page.getByRole('dialog', { name: tr(lang, 'center.import.title') });
        await dialog.waitFor();

        // Submitting empty names both required fields under them.
        await page.getByTestId('import-submit').click();
        await dialog.getByText(tr(lang, 'center.import.fileRequired'), { exact: true }).waitFor();
        expect(await page.getByTestId('import-file').getAttribute('aria-invalid')).toBe('true');

        await page.getByTestId('import-file').setInputFiles(file);
        await expect.poll(() => page.getByTestId('import-file-name').textContent()).toContain(`message-${lang}.eml`);
        await pickOption(page, page.getByTestId('import-department'), department.name);
        // Both fields are filled now: their messages are gone.
        await expect.poll(() => dialog.getByText(tr(lang, 'common.required'), { exact: true }).count()).toBe(0);
        await expect.poll(() => page.getByTestId('import-file').getAttribute('aria-invalid')).toBe('false');
        await a11y.check(page, `import dialog (${lang}, desktop)`);
        await shotViewport(page, `mail-import-dialog-${lang}-desktop`);

        const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tickets/import' && r.request().method() === 'POST');
        await page.getByTestId('import-submit').click();
        const res = await sent;
        expect(res.status(), await res.text()).toBe(201);

        await page.waitForURL((u) => /^\/agent\/tickets\/\d+$/.test(u.pathname));
        const number = Number(new URL(page.url()).pathname.split('/').pop());
        await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        await expect.poll(() => page.getByTestId('thread-message').first().textContent()).toContain(lang === 'fa' ? 'چاپگر خطای شبکه' : 'printer shows a network error');
        imported[lang] = { number, subject, from };

        // The event log says how the ticket came to be.
        const log = page.getByTestId('event-log');
        await expect.poll(() => log.locator('[data-kind="imported"]').textContent()).toContain(from);
        await expect.poll(() => log.locator('[data-kind="created"]').textContent()).toContain(tr(lang, 'ticket.events.created_import', { department: department.name }));
        await settled(page);
        await a11y.check(page, `imported ticket (${lang}, desktop)`);
        await shotFromTop(page, `mail-imported-ticket-${lang}-desktop`);

        // The same mail again: 409, the message names the ticket, and a button opens it.
        if (lang === 'en') {
          await page.goto('/agent/tickets');
          await page.getByRole('heading', { level: 1, name: tr(lang, 'center.title') }).waitFor();
          await page.getByTestId('center-import').click();
          await dialog.waitFor();
          await page.getByTestId('import-file').setInputFiles(file);
          await pickOption(page, page.getByTestId('import-department'), department.name);
          const again = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tickets/import');
          await page.getByTestId('import-submit').click();
          expect((await again).status()).toBe(409);
          await expect.poll(() => dialog.getByRole('alert').textContent()).toContain(String(number));
          await page.getByTestId('import-existing').click();
          await page.waitForURL((u) => u.pathname === `/agent/tickets/${number}`);
          await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        }
      }

      // On a phone the action is an icon button and the dialog fills the screen.
      const phone = await signedIn('sara', 'phone');
      await phone.page.goto('/agent/tickets');
      await setLang(phone.page, 'fa');
      await phone.page.getByRole('heading', { level: 1, name: tr('fa', 'center.title') }).waitFor();
      await phone.page.getByRole('button', { name: tr('fa', 'center.import.button') }).click();
      await phone.page.getByRole('dialog', { name: tr('fa', 'center.import.title') }).waitFor();
      await a11y.check(phone.page, 'import dialog (fa, phone)');
      await shotViewport(phone.page, 'mail-import-dialog-fa-phone');
      expect(phone.errors).toEqual([]);
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(sara.errors).toEqual([]);
  });

  it("an agent's reply shows its e-mail delivery state in the thread", async () => {
    const saraApi = await ApiClient.login(server.base, 'sara');
    const sara = await signedIn('sara');
    const { page } = sara;
    try {
      for (const lang of LANGS) {
        let ticket = imported[lang];
        if (!ticket) {
          // The import test failed: make the ticket through the API (a guest requester with an address).
          const departments = await saraApi.get<ListOf<{ id: string; active: boolean }>>('/departments', { pageSize: 100 });
          const form = new FormData();
          form.append('departmentId', departments.items.find((d) => d.active)!.id);
          const from = `fallback.${lang}.${stamp}@example.org`;
          const subject = `Delivery check ${lang} ${stamp}`;
          form.append('file', new Blob([new Uint8Array(eml({ from, subject, messageId: `<e2e-fallback-${lang}-${stamp}@example.org>`, body: 'Hello.' }))], { type: 'message/rfc822' }), 'm.eml');
          const made = await saraApi.request<{ number: number }>('POST', '/tickets/import', form);
          ticket = { number: made.number, subject, from };
        }
        await page.goto(`/agent/tickets/${ticket.number}`);
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: ticket.subject }).waitFor();
        const thread = page.getByTestId('thread-message');
        await expect.poll(() => thread.count()).toBe(1);
        // The requester's own mail has no delivery state.
        expect(await thread.first().getByTestId('delivery').count()).toBe(0);

        const answer = lang === 'fa' ? 'سرور چاپ را دوباره راه انداختیم؛ لطفاً دوباره امتحان کنید.' : 'We restarted the print server; please try again.';
        await typeInEditor(richEditor(page, tr(lang, 'ticket.replyBody')), answer);
        const sent = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/tickets/${ticket.number}/messages` && r.request().method() === 'POST');
        await page.getByTestId('reply-submit').click();
        expect((await sent).status()).toBeLessThan(300);
        await expect.poll(() => thread.count()).toBe(2);

        // Queued at once; then sent through the platform's mailer, or failed where a mailbox's
        // SMTP server does not answer. Live events refetch the thread as the state changes, so
        // the state and its words are read together.
        const delivery = thread.nth(1).getByTestId('delivery');
        await delivery.waitFor();
        const words = (status: string) => tr(lang as Lang, `ticket.delivery.${status}`, { date: '\u0000' }).split('\u0000')[0].trim();
        const shown = async () => {
          const status = (await delivery.getAttribute('data-status')) ?? '';
          const text = (await delivery.textContent()) ?? '';
          return ['queued', 'sent', 'failed'].includes(status) && text.includes(words(status)) ? status : `${status}: ${text}`;
        };
        await expect.poll(shown).toMatch(/^(queued|sent|failed)$/);
        if ((await shown()) === 'failed') await thread.nth(1).getByTestId('delivery-error').waitFor();
        // The API agrees.
        const messages = await saraApi.get<{ items: Array<{ delivery?: { status: string } | null }> }>(`/tickets/${ticket.number}/messages`);
        expect(messages.items.at(-1)?.delivery?.status).toBeDefined();
        await settled(page);
        await a11y.check(page, `ticket with a mailed reply (${lang}, desktop)`);
        await shotFromTop(page, `mail-delivery-${lang}-desktop`);
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(sara.errors).toEqual([]);
  });

  /** A mailbox of a department without one; inbound to `inbound` (a refused port when not given). */
  async function makeMailbox(address: string, inbound?: { port: number; username: string; password: string }) {
    const departments = await admin.get<ListOf<{ id: string; active: boolean }>>('/departments', { pageSize: 100 });
    const boxes = await admin.get<ListOf<{ departmentId: string | null }>>('/mailboxes', { pageSize: 100 });
    const free = departments.items.find((d) => d.active && !boxes.items.some((b) => b.departmentId === d.id))!;
    const port = inbound?.port ?? (await freePort());
    return admin.post<Mailbox>('/mailboxes', {
      departmentId: free.id,
      address,
      fetchIntervalMinutes: 60,
      inbound: inbound
        ? { protocol: 'imap', host: '127.0.0.1', port, tls: 'starttls', username: inbound.username, password: inbound.password }
        : { protocol: 'imap', host: '127.0.0.1', port, tls: 'none', username: 'nobody', password: 'nothing' },
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    });
  }

  it('the admin sees each mailbox state, fetches now, and opens its (empty) quarantine — fa and en, desktop and phone', async () => {
    const box = await makeMailbox(`e2e-${stamp}@mail.example`);
    const desk = await signedIn('admin');
    const phone = await signedIn('admin', 'phone');
    const { page } = desk;
    try {
      for (const lang of LANGS) {
        await page.goto('/admin/mailboxes');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.mailboxes.title') }).waitFor();
        const row = page.getByTestId(`admin-row-${box.id}`);
        await row.waitFor();

        // "Fetch now" queues a fetch and says so.
        const queued = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/mailboxes/fetch' && r.request().method() === 'POST');
        await page.getByTestId(`mailbox-fetch-${box.id}`).click();
        const res = await queued;
        expect(res.status()).toBe(202);
        expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ mailboxId: box.id });
        await page.getByTestId('admin-notice').filter({ hasText: tr(lang, 'admin.mailboxes.fetchQueued', { name: box.address }) }).waitFor();

        // Nothing listens on its port: the fetch fails and the list says why, with the failure count.
        await expect.poll(async () => (await admin.get<Mailbox>(`/mailboxes/${box.id}`)).status.lastError, { timeout: 45_000 }).not.toBeNull();
        const state = await admin.get<Mailbox>(`/mailboxes/${box.id}`);
        await page.reload();
        await settled(page);
        await expect.poll(() => row.textContent()).toContain(tr(lang, 'admin.mailboxes.lastError', { error: state.status.lastError! }));

        await page.getByTestId(`mailbox-quarantine-${box.id}`).click();
        const dialog = page.getByTestId('quarantine-dialog');
        await dialog.waitFor();
        // The title names the mailbox (its address isolated, so it keeps its direction in Persian).
        expect(await dialog.getByRole('heading').first().textContent()).toBe(tr(lang, 'admin.quarantine.title', { name: `\u2068${box.address}\u2069` }));
        await dialog.getByText(tr(lang, 'admin.quarantine.empty'), { exact: true }).waitFor();
        await a11y.check(page, `quarantine dialog, empty (${lang}, desktop)`);
        await shotViewport(page, `mail-quarantine-empty-${lang}-desktop`);
        await dialog.getByRole('button', { name: tr(lang, 'common.close'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await settled(page);
        await a11y.check(page, `mailboxes (${lang}, desktop)`);
        await shotFromTop(page, `mail-mailboxes-${lang}-desktop`);

        await phone.page.goto('/admin/mailboxes');
        await phone.page.locator('main h1').first().waitFor();
        await setLang(phone.page, lang);
        await phone.page.getByRole('heading', { level: 1, name: tr(lang, 'admin.mailboxes.title') }).waitFor();
        await phone.page.getByTestId(`admin-row-${box.id}`).waitFor();
        await settled(phone.page);
        await fitsPhone(phone.page, `/admin/mailboxes (${lang})`);
        await a11y.check(phone.page, `mailboxes (${lang}, phone)`);
        await shotFromTop(phone.page, `mail-mailboxes-${lang}-phone`);
        await phone.page.getByTestId(`mailbox-quarantine-${box.id}`).click();
        await phone.page.getByRole('dialog').getByText(tr(lang, 'admin.quarantine.empty'), { exact: true }).waitFor();
        await a11y.check(phone.page, `quarantine dialog (${lang}, phone)`);
        await shotViewport(phone.page, `mail-quarantine-empty-${lang}-phone`);
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });

  it.skipIf(!existsSync(DOVECOT_BIN))('a mail intake cannot import lands in the quarantine: listed with its reason, downloadable, and tried again', async () => {
    expect(dovecot, 'Dovecot is installed but did not start').not.toBeNull();
    const d = dovecot!;
    const box = await makeMailbox(`e2ebox-${stamp}@mail.example`, { port: d.ports.imap, username: 'e2ebox', password: 'e2e-secret' });
    // No sender: nobody to open a ticket for.
    await d.deliver('e2ebox', eml({ from: '', noFrom: true, subject: 'where from?', messageId: `<e2e-quarantine-${stamp}@example.org>`, body: 'Who sent this?' }));

    const desk = await signedIn('admin');
    const { page } = desk;
    try {
      await page.goto('/admin/mailboxes');
      await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.mailboxes.title') }).waitFor();
      await page.getByTestId(`mailbox-fetch-${box.id}`).click();
      await expect.poll(async () => (await admin.get<ListOf<unknown>>(`/mailboxes/${box.id}/quarantine`)).total, { timeout: 45_000 }).toBe(1);
      const [entry] = (await admin.get<ListOf<{ id: string; error: string | null }>>(`/mailboxes/${box.id}/quarantine`)).items;

      for (const lang of LANGS) {
        await setLang(page, lang);
        await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.mailboxes.title') }).waitFor();
        await page.getByTestId(`mailbox-quarantine-${box.id}`).click();
        const dialog = page.getByTestId('quarantine-dialog');
        const item = dialog.getByTestId(`quarantine-entry-${entry.id}`);
        await item.waitFor();
        if (entry.error) expect(await item.textContent()).toContain(entry.error);
        // The original, as it arrived.
        const href = await dialog.getByTestId(`quarantine-download-${entry.id}`).getAttribute('href');
        expect(href).toBe(`/api/v1/mailboxes/${box.id}/quarantine/${entry.id}/raw`);
        const raw = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
        expect(raw).toContain(`e2e-quarantine-${stamp}@example.org`);

        // Still no sender: it stays, and the dialog says so.
        const retried = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/mailboxes/${box.id}/quarantine/${entry.id}/retry`);
        await dialog.getByTestId(`quarantine-retry-${entry.id}`).click();
        expect((await retried).status()).toBe(200);
        const outcome = dialog.getByTestId('quarantine-outcome');
        await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('quarantined');
        expect(await outcome.textContent()).toContain(tr(lang, 'admin.quarantine.outcomeNoTicket.quarantined'));
        await item.waitFor();
        await settled(page);
        await a11y.check(page, `quarantine dialog with an entry (${lang}, desktop)`);
        await shotViewport(page, `mail-quarantine-entry-${lang}-desktop`);
        await dialog.getByRole('button', { name: tr(lang, 'common.close'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(desk.errors).toEqual([]);
  });

  it("a customer's alternate e-mails are edited in the person dialog; a taken one shows under the field", async () => {
    const zahra = (await admin.get<ListOf<{ id: string; username: string; alternateEmails: string[] }>>('/users', { role: 'customer', q: 'zahra' })).items.find((u) => u.username === 'zahra')!;
    const desk = await signedIn('admin');
    const { page } = desk;
    try {
      for (const lang of LANGS) {
        const mine = `zahra.${lang}.${stamp}@university.example`;
        await page.goto('/admin/people');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await page.getByTestId('people-tab-customer').click();
        await page.getByTestId(`admin-edit-${zahra.id}`).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('heading').first().waitFor();
        const input = page.getByTestId('person-alternate-emails');
        const helpId = await input.getAttribute('aria-describedby');
        expect(helpId).toBeTruthy();
        const help = page.locator(`[id="${helpId}"]`);
        expect((await help.textContent())?.trim()).toBe(tr(lang, 'admin.people.alternateEmailsHint', { max: lang === 'fa' ? '۵' : '5' }));

        // ali's alternate address (demo data) is taken.
        await input.fill('a.mohammadi@university.example,');
        const refused = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/users/${zahra.id}` && r.request().method() === 'PATCH');
        await page.getByTestId('admin-dialog-save').click();
        expect((await refused).status()).toBe(400);
        await expect.poll(async () => (await help.textContent())?.trim()).toBe(SERVER_TEXTS[lang]['validation.email_taken']);
        await a11y.check(page, `person dialog with an alternate e-mail error (${lang}, desktop)`);
        await shotViewport(page, `mail-alternate-error-${lang}-desktop`);

        // Remove it (the chip's delete), type a free one and save straight away: leaving the
        // field makes the typed address a chip, so it is sent too.
        await dialog.getByRole('button', { name: 'a.mohammadi@university.example' }).locator('.MuiChip-deleteIcon').click();
        await input.fill(mine);
        const saved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/users/${zahra.id}` && r.request().method() === 'PATCH');
        await page.getByTestId('admin-dialog-save').click();
        expect((await saved).status()).toBe(200);
        await dialog.waitFor({ state: 'detached' });
        const after = await admin.get<{ alternateEmails: string[] }>(`/users/${zahra.id}`);
        expect(after.alternateEmails).toContain(mine);
        expect(after.alternateEmails).not.toContain('a.mohammadi@university.example');
        await expect.poll(() => page.getByTestId(`admin-row-${zahra.id}`).textContent()).toContain(mine);
      }
    } finally {
      await admin.patch(`/users/${zahra.id}`, { alternateEmails: zahra.alternateEmails });
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(desk.errors).toEqual([]);
  });
});
