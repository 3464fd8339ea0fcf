import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eml, pickOption, useMailWorld, type ListOf } from './helpers/mail';
import {
  richEditor,
  setLang,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  tr,
  typeInEditor,
  type Lang,
} from './helpers/flows';
import { ApiClient } from './helpers/server';

const LANGS: Lang[] = ['fa', 'en'];

/**
 * Mail in the agent's screens: an agent imports a saved e-mail (.eml) from the ticket center
 * and lands on the new ticket (C19); a reply shows whether it went out by e-mail (F3).
 * Persian and English, desktop and phone, each screen checked with axe.
 */
describe('mail: .eml import and delivery state', () => {
  const w = useMailWorld();
  /** The ticket sara imports in the first test (the reply test uses it). */
  const imported: Partial<Record<Lang, { number: number; subject: string; from: string }>> = {};
  const stamp = Date.now() % 1_000_000;
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  it('sara imports an .eml from the ticket center and lands on the new ticket; the same mail again names that ticket', async () => {
    const saraApi = await ApiClient.login(w.server.base, 'sara');
    const me = await saraApi.get<{ permissions: string[] }>('/auth/me');
    expect(me.permissions, 'the demo access level of sara grants tickets.import').toContain('tickets.import');
    const departments = await saraApi.get<ListOf<{ id: string; name: string; active: boolean }>>('/departments', {
      pageSize: 100,
    });
    const department = departments.items.find((d) => d.active)!;

    const sara = await w.signedIn('sara');
    const { page } = sara;
    try {
      for (const lang of LANGS) {
        const subject = lang === 'fa' ? `چاپگر طبقه دوم کار نمی‌کند ${stamp}` : `Second floor printer is down ${stamp}`;
        const from = `nima.${lang}.${stamp}@example.org`;
        const file = join(w.tmp, `message-${lang}.eml`);
        writeFileSync(
          file,
          eml({
            from: `Nima Rahimi <${from}>`,
            subject,
            messageId: `<e2e-import-${lang}-${stamp}@example.org>`,
            body: lang === 'fa' ? 'سلام، چاپگر خطای شبکه می‌دهد.' : 'Hello, the printer shows a network error.',
          }),
        );

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

        const sent = page.waitForResponse(
          (r) => new URL(r.url()).pathname === '/api/v1/tickets/import' && r.request().method() === 'POST',
        );
        await page.getByTestId('import-submit').click();
        const res = await sent;
        expect(res.status(), await res.text()).toBe(201);

        await page.waitForURL((u) => /^\/agent\/tickets\/\d+$/.test(u.pathname));
        const number = Number(new URL(page.url()).pathname.split('/').pop());
        await page.getByRole('heading', { level: 1, name: subject }).waitFor();
        await expect
          .poll(() => page.getByTestId('thread-message').first().textContent())
          .toContain(lang === 'fa' ? 'چاپگر خطای شبکه' : 'printer shows a network error');
        imported[lang] = { number, subject, from };

        // The event log says how the ticket came to be.
        const log = page.getByTestId('event-log');
        await expect.poll(() => log.locator('[data-kind="imported"]').textContent()).toContain(from);
        await expect
          .poll(() => log.locator('[data-kind="created"]').textContent())
          .toContain(tr(lang, 'ticket.events.created_import', { department: department.name }));
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
      const phone = await w.signedIn('sara', 'phone');
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
    const saraApi = await ApiClient.login(w.server.base, 'sara');
    const sara = await w.signedIn('sara');
    const { page } = sara;
    try {
      for (const lang of LANGS) {
        let ticket = imported[lang];
        if (!ticket) {
          // The import test failed: make the ticket through the API (a guest requester with an address).
          const departments = await saraApi.get<ListOf<{ id: string; active: boolean }>>('/departments', {
            pageSize: 100,
          });
          const form = new FormData();
          form.append('departmentId', departments.items.find((d) => d.active)!.id);
          const from = `fallback.${lang}.${stamp}@example.org`;
          const subject = `Delivery check ${lang} ${stamp}`;
          form.append(
            'file',
            new Blob(
              [
                new Uint8Array(
                  eml({ from, subject, messageId: `<e2e-fallback-${lang}-${stamp}@example.org>`, body: 'Hello.' }),
                ),
              ],
              { type: 'message/rfc822' },
            ),
            'm.eml',
          );
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

        const answer =
          lang === 'fa'
            ? 'سرور چاپ را دوباره راه انداختیم؛ لطفاً دوباره امتحان کنید.'
            : 'We restarted the print server; please try again.';
        await typeInEditor(richEditor(page, tr(lang, 'ticket.replyBody')), answer);
        const sent = page.waitForResponse(
          (r) =>
            new URL(r.url()).pathname === `/api/v1/tickets/${ticket.number}/messages` &&
            r.request().method() === 'POST',
        );
        await page.getByTestId('reply-submit').click();
        expect((await sent).status()).toBeLessThan(300);
        await expect.poll(() => thread.count()).toBe(2);

        // Queued at once; then sent through the platform's mailer, or failed where a mailbox's
        // SMTP server does not answer. Live events refetch the thread as the state changes, so
        // the state and its words are read together.
        const delivery = thread.nth(1).getByTestId('delivery');
        await delivery.waitFor();
        const words = (status: string) =>
          tr(lang as Lang, `ticket.delivery.${status}`, { date: '\u0000' })
            .split('\u0000')[0]
            .trim();
        const shown = async () => {
          const status = (await delivery.getAttribute('data-status')) ?? '';
          const text = (await delivery.textContent()) ?? '';
          return ['queued', 'sent', 'failed'].includes(status) && text.includes(words(status))
            ? status
            : `${status}: ${text}`;
        };
        await expect.poll(shown).toMatch(/^(queued|sent|failed)$/);
        if ((await shown()) === 'failed') await thread.nth(1).getByTestId('delivery-error').waitFor();
        // The API agrees.
        const messages = await saraApi.get<{ items: Array<{ delivery?: { status: string } | null }> }>(
          `/tickets/${ticket.number}/messages`,
        );
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
});
