import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/dovecot';
import serverFa from '../../src/server/i18n/fa.json';
import serverEn from '../../src/server/i18n/en.json';
import { eml, fitsPhone, useMailWorld, type ListOf, type Mailbox } from './helpers/mail';
import { setLang, settled, shotFromTop, shotViewport, softA11y, tr, type Lang } from './helpers/flows';

const SERVER_TEXTS: Record<Lang, Record<string, string>> = { fa: serverFa, en: serverEn };
const LANGS: Lang[] = ['fa', 'en'];

/**
 * Mail in the admin's screens: the mailbox list shows each mailbox's state, fetches on demand
 * and opens its quarantine (F2) — with a real IMAP server (Dovecot), so a broken mail lands
 * there and is tried again; a customer's alternate e-mails are edited in the person dialog.
 * Persian and English, desktop and phone, each screen checked with axe.
 */
describe('mail: mailboxes, quarantine and alternate e-mails', () => {
  const w = useMailWorld({ dovecot: true });
  const stamp = Date.now() % 1_000_000;
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  /** A mailbox of a department without one; inbound to `inbound` (a refused port when not given). */
  async function makeMailbox(address: string, inbound?: { port: number; username: string; password: string }) {
    const departments = await w.admin.get<ListOf<{ id: string; active: boolean }>>('/departments', { pageSize: 100 });
    const boxes = await w.admin.get<ListOf<{ departmentId: string | null }>>('/mailboxes', { pageSize: 100 });
    const free = departments.items.find((d) => d.active && !boxes.items.some((b) => b.departmentId === d.id))!;
    const port = inbound?.port ?? (await freePort());
    return w.admin.post<Mailbox>('/mailboxes', {
      departmentId: free.id,
      address,
      fetchIntervalMinutes: 60,
      inbound: inbound
        ? {
            protocol: 'imap',
            host: '127.0.0.1',
            port,
            tls: 'starttls',
            username: inbound.username,
            password: inbound.password,
          }
        : { protocol: 'imap', host: '127.0.0.1', port, tls: 'none', username: 'nobody', password: 'nothing' },
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    });
  }

  it('the admin sees each mailbox state, fetches now, and opens its (empty) quarantine — fa and en, desktop and phone', async () => {
    const box = await makeMailbox(`e2e-${stamp}@mail.example`);
    const desk = await w.signedIn('admin');
    const phone = await w.signedIn('admin', 'phone');
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
        const queued = page.waitForResponse(
          (r) => new URL(r.url()).pathname === '/api/v1/mailboxes/fetch' && r.request().method() === 'POST',
        );
        await page.getByTestId(`mailbox-fetch-${box.id}`).click();
        const res = await queued;
        expect(res.status()).toBe(202);
        expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ mailboxId: box.id });
        await page
          .getByTestId('admin-notice')
          .filter({ hasText: tr(lang, 'admin.mailboxes.fetchQueued', { name: box.address }) })
          .waitFor();

        // Nothing listens on its port: the fetch fails and the list says why, with the failure count.
        await expect
          .poll(async () => (await w.admin.get<Mailbox>(`/mailboxes/${box.id}`)).status.lastError, { timeout: 45_000 })
          .not.toBeNull();
        const state = await w.admin.get<Mailbox>(`/mailboxes/${box.id}`);
        await page.reload();
        await settled(page);
        await expect
          .poll(() => row.textContent())
          .toContain(tr(lang, 'admin.mailboxes.lastError', { error: state.status.lastError! }));

        await page.getByTestId(`mailbox-quarantine-${box.id}`).click();
        const dialog = page.getByTestId('quarantine-dialog');
        await dialog.waitFor();
        // The title names the mailbox (its address isolated, so it keeps its direction in Persian).
        expect(await dialog.getByRole('heading').first().textContent()).toBe(
          tr(lang, 'admin.quarantine.title', { name: `\u2068${box.address}\u2069` }),
        );
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

  it('a mail intake cannot import lands in the quarantine: listed with its reason, downloadable, and tried again', async () => {
    const d = w.dovecot!;
    const box = await makeMailbox(`e2ebox-${stamp}@mail.example`, {
      port: d.ports.imap,
      username: 'e2ebox',
      password: 'e2e-secret',
    });
    // No sender: nobody to open a ticket for.
    await d.deliver(
      'e2ebox',
      eml({
        from: '',
        noFrom: true,
        subject: 'where from?',
        messageId: `<e2e-quarantine-${stamp}@example.org>`,
        body: 'Who sent this?',
      }),
    );

    const desk = await w.signedIn('admin');
    const { page } = desk;
    try {
      await page.goto('/admin/mailboxes');
      await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.mailboxes.title') }).waitFor();
      await page.getByTestId(`mailbox-fetch-${box.id}`).click();
      await expect
        .poll(async () => (await w.admin.get<ListOf<unknown>>(`/mailboxes/${box.id}/quarantine`)).total, {
          timeout: 45_000,
        })
        .toBe(1);
      const [entry] = (
        await w.admin.get<ListOf<{ id: string; error: string | null }>>(`/mailboxes/${box.id}/quarantine`)
      ).items;

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
        const retried = page.waitForResponse(
          (r) => new URL(r.url()).pathname === `/api/v1/mailboxes/${box.id}/quarantine/${entry.id}/retry`,
        );
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
    const zahra = (
      await w.admin.get<ListOf<{ id: string; username: string; alternateEmails: string[] }>>('/users', {
        role: 'customer',
        q: 'zahra',
      })
    ).items.find((u) => u.username === 'zahra')!;
    const desk = await w.signedIn('admin');
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
        expect((await help.textContent())?.trim()).toBe(
          tr(lang, 'admin.people.alternateEmailsHint', { max: lang === 'fa' ? '۵' : '5' }),
        );

        // ali's alternate address (demo data) is taken.
        await input.fill('a.mohammadi@university.example,');
        const refused = page.waitForResponse(
          (r) => new URL(r.url()).pathname === `/api/v1/users/${zahra.id}` && r.request().method() === 'PATCH',
        );
        await page.getByTestId('admin-dialog-save').click();
        expect((await refused).status()).toBe(400);
        await expect
          .poll(async () => (await help.textContent())?.trim())
          .toBe(SERVER_TEXTS[lang]['validation.email_taken']);
        await a11y.check(page, `person dialog with an alternate e-mail error (${lang}, desktop)`);
        await shotViewport(page, `mail-alternate-error-${lang}-desktop`);

        // Remove it (the chip's delete), type a free one and save straight away: leaving the
        // field makes the typed address a chip, so it is sent too.
        await dialog
          .getByRole('button', { name: 'a.mohammadi@university.example' })
          .locator('.MuiChip-deleteIcon')
          .click();
        await input.fill(mine);
        const saved = page.waitForResponse(
          (r) => new URL(r.url()).pathname === `/api/v1/users/${zahra.id}` && r.request().method() === 'PATCH',
        );
        await page.getByTestId('admin-dialog-save').click();
        expect((await saved).status()).toBe(200);
        await dialog.waitFor({ state: 'detached' });
        const after = await w.admin.get<{ alternateEmails: string[] }>(`/users/${zahra.id}`);
        expect(after.alternateEmails).toContain(mine);
        expect(after.alternateEmails).not.toContain('a.mohammadi@university.example');
        await expect.poll(() => page.getByTestId(`admin-row-${zahra.id}`).textContent()).toContain(mine);
      }
    } finally {
      await w.admin.patch(`/users/${zahra.id}`, { alternateEmails: zahra.alternateEmails });
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(desk.errors).toEqual([]);
  });
});
