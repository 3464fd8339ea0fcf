import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, launchBrowser, shot, type Person } from './helpers/browser';
import { faDigits, overflow, settled, shotViewport, softA11y, switchLanguage, tr, webEnv } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

interface Ticket {
  number: number;
  status: string;
  mergedInto: number | null;
  messageCount: number;
  links: { number: number; kind: string }[];
}

/**
 * K9 in the browser: sara merges one of ali's tickets into another from the ticket page (the
 * dialog finds the target by its number and shows it before she confirms), lands on the target
 * with both conversations, and the source shows the "merged into" banner. In English she links
 * two tickets and merges again; on a phone the merged ticket's banner fits. Screenshots fa, en
 * and phone, each checked by axe.
 */
describe('merging tickets', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: ApiClient;
  let ali: ApiClient;
  let departmentId = '';
  const people: Person[] = [];
  const a11y = softA11y();
  // The reply box's canned-response button belongs to K6 (checked by canned-responses.test.ts).
  const check = (page: Page, label: string) => a11y.check(page, label, { exclude: ['[data-testid="canned-open"]'] });

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    sara = await ApiClient.login(server.base, 'sara');
    ali = await ApiClient.login(server.base, 'ali');
    const saraMe = await sara.get<{ user: { departmentIds: string[] } }>('/auth/me');
    const departments = await ali.get<{ items: Array<{ id: string }> }>('/departments', { pageSize: 100 });
    const department = departments.items.find((d) => saraMe.user.departmentIds.includes(d.id));
    if (!department) throw new Error('ali can write to none of sara’s departments');
    departmentId = department.id;
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => a11y.assertNone());

  const open = (subject: string, body: string) =>
    ali.post<{ number: number }>('/tickets', { departmentId, subject, body: `<p>${body}</p>` });
  async function saraIn(screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen);
    p.context.setDefaultTimeout(30_000);
    people.push(p);
    await sara.shareWith(p.context);
    return p;
  }
  async function openTicket(page: Page, number: number, subject: string) {
    await page.goto(`/agent/tickets/${number}`);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByTestId('thread-message').first().waitFor();
  }
  async function mergeInto(page: Page, into: number, lang: 'fa' | 'en', shotName?: string) {
    await page.getByTestId('merge-open').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.waitFor();
    await page.getByTestId('merge-number').fill(String(into));
    await dialog.getByTestId('merge-preview').waitFor();
    expect(await dialog.getByTestId('merge-preview').getAttribute('data-number')).toBe(String(into));
    await dialog.getByTestId('merge-warning').waitFor();
    if (shotName) {
      await settled(page);
      await shotViewport(page, shotName);
      await check(page, `merge dialog (${lang})`);
    }
    const merged = page.waitForResponse((r) => r.url().endsWith('/merge') && r.request().method() === 'POST');
    await dialog.getByTestId('merge-confirm').click();
    expect((await merged).status()).toBe(200);
    await page.waitForURL(`**/agent/tickets/${into}`);
  }

  it('fa: merges a ticket into another from its page and shows the result on both', async () => {
    const source = await open('صدای بلند پرینتر', 'پرینتر هنگام چاپ صدای عجیبی می‌دهد.');
    const target = await open('چاپگر طبقهٔ دوم', 'چاپگر طبقهٔ دوم کاغذ را گیر می‌اندازد.');
    const { page, errors } = await saraIn();
    await openTicket(page, source.number, 'صدای بلند پرینتر');
    await mergeInto(page, target.number, 'fa', 'ticket-merge-dialog-fa');

    // The target's thread holds both conversations and the system note.
    await page.getByRole('heading', { level: 1, name: 'چاپگر طبقهٔ دوم' }).waitFor();
    const thread = page.getByTestId('thread-message');
    await expect.poll(() => thread.count()).toBe(3);
    const all = (await thread.allTextContents()).join(' ');
    expect(all).toContain('پرینتر هنگام چاپ صدای عجیبی می‌دهد.');
    expect(all).toContain(`#${faDigits(source.number)}`);
    await settled(page);
    await shot(page, 'ticket-merge-target-fa-desktop');
    await check(page, 'merged target (fa)');

    // The source: closed, with the banner that leads to the target.
    await page.goto(`/agent/tickets/${source.number}`);
    const banner = page.getByTestId('merged-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(tr('fa', 'merge.banner', { n: faDigits(target.number) }));
    expect(await page.getByTestId('ticket-status').getAttribute('data-status')).toBe('closed');
    await expect.poll(() => page.getByTestId('merge-open').count()).toBe(0);
    await settled(page);
    await shot(page, 'ticket-merge-fa-desktop');
    await check(page, 'merged source (fa)');
    await banner.getByRole('link').click();
    await page.waitForURL(`**/agent/tickets/${target.number}`);

    const after = await sara.get<Ticket>(`/tickets/${source.number}`);
    expect(after).toMatchObject({ status: 'closed', mergedInto: target.number, messageCount: 0 });
    expect((await sara.get<Ticket>(`/tickets/${target.number}`)).messageCount).toBe(2);
    expect(errors).toEqual([]);
  });

  it('en: links two tickets, shows the link on both, then merges', async () => {
    const a = await open('Invoice printed twice', 'The invoice came out twice.');
    const b = await open('Duplicate invoices', 'Every invoice prints twice.');
    const { page, errors } = await saraIn();
    await openTicket(page, a.number, 'Invoice printed twice');
    await switchLanguage(page, 'en');

    await page.getByTestId('link-open').click();
    const dialog = page.getByRole('dialog', { name: tr('en', 'merge.linkTitle', { n: a.number }) });
    await dialog.waitFor();
    // Picked by hand: chooseOption's Escape for a lingering menu would close the dialog itself.
    await dialog.getByTestId('link-kind').getByRole('combobox').click();
    await page.getByRole('option', { name: tr('en', 'merge.kinds.duplicate_of'), exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByTestId('link-number').fill(String(b.number));
    await dialog.getByTestId('merge-preview').waitFor();
    const linked = page.waitForResponse((r) => r.url().endsWith('/links') && r.request().method() === 'POST');
    await dialog.getByTestId('link-save').click();
    expect((await linked).status()).toBe(201);
    const link = page.getByTestId('ticket-link');
    await link.waitFor();
    expect(await link.getAttribute('data-kind')).toBe('duplicate_of');
    expect(await link.textContent()).toContain('Duplicate invoices');
    expect((await sara.get<Ticket>(`/tickets/${b.number}`)).links).toEqual([
      expect.objectContaining({ number: a.number, kind: 'duplicated_by' }),
    ]);
    await settled(page);
    await shot(page, 'ticket-merge-links-en-desktop');
    await check(page, 'links (en)');

    await mergeInto(page, b.number, 'en', 'ticket-merge-dialog-en');
    await page.getByRole('heading', { level: 1, name: 'Duplicate invoices' }).waitFor();
    await expect.poll(() => page.getByTestId('thread-message').count()).toBe(3);
    // The link between the two is gone with the merge.
    await expect.poll(() => page.getByTestId('ticket-link').count()).toBe(0);
    await page.goto(`/agent/tickets/${a.number}`);
    await page.getByTestId('merged-banner').waitFor();
    expect(await page.getByTestId('merged-banner').textContent()).toContain(tr('en', 'merge.banner', { n: b.number }));
    await settled(page);
    await shot(page, 'ticket-merge-en-desktop');
    await check(page, 'merged source (en)');
    expect(errors).toEqual([]);
  });

  it('phone: the merge dialog and the banner fit a 360 px screen', async () => {
    const source = await open('کند بودن سامانه', 'سامانه امروز خیلی کند است.');
    const target = await open('کندی سامانهٔ حسابداری', 'حسابداری باز نمی‌شود.');
    const { page, errors } = await saraIn('phone');
    await openTicket(page, source.number, 'کند بودن سامانه');
    await page.getByTestId('merge-open').scrollIntoViewIfNeeded();
    await mergeInto(page, target.number, 'fa', 'ticket-merge-dialog-phone');
    await page.goto(`/agent/tickets/${source.number}`);
    await page.getByTestId('merged-banner').waitFor();
    await settled(page);
    expect((await overflow(page)).by).toBeLessThanOrEqual(0);
    await shot(page, 'ticket-merge-phone');
    await check(page, 'merged source (phone)');
    expect(errors).toEqual([]);

    // The requester's own view: the banner leads on, and the merged request takes no reply.
    const customer = await newPerson(browser, server.base, 'phone');
    people.push(customer);
    await ali.shareWith(customer.context);
    await customer.page.goto(`/portal/tickets/${source.number}`);
    const banner = customer.page.getByTestId('merged-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-into')).toBe(String(target.number));
    await settled(customer.page);
    expect(await customer.page.locator('#reply-heading').count()).toBe(0);
    await shot(customer.page, 'ticket-merge-portal-phone');
    await check(customer.page, 'merged request (portal, phone)');
    await banner.getByRole('link').click();
    await customer.page.waitForURL(`**/portal/tickets/${target.number}`);
    await customer.page.locator('#reply-heading').waitFor();
    expect(customer.errors).toEqual([]);
  });
});
