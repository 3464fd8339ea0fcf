import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, htmlLangDir, launchBrowser, newPerson, SCREENSHOTS, shot } from './helpers/browser';
import { faDigits, setLang, settled, tr, webEnv, type Lang } from './helpers/flows';
import { fitsPhone } from './helpers/mail';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * K5 in the browser: a closed ticket's requester gets the survey mail; its link opens the public
 * page (signed out) with five large buttons; a click records the rating and offers a comment box;
 * the mail's one-click link (`?rating=N`) records its rating as the page opens. The agent's ticket
 * page shows the answer. Persian and English, desktop and a 360 px phone.
 */
describe('satisfaction survey', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  let departmentId: string;
  let n = 0;

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
    const deps = await admin.get<{ items: { id: string; usage: string }[] }>('/departments');
    departmentId = deps.items.find((d) => d.usage !== 'internal')!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The survey mails the server wrote to its outbox for this address. */
  async function surveyMails(email: string) {
    const dir = join(server.dataDir, 'outbox');
    if (!existsSync(dir)) return [];
    const found = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const m = await simpleParser(readFileSync(join(dir, name)));
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      if (to.some((a) => a.value.some((v) => v.address === email)) && /\/csat\//.test(m.text ?? '')) found.push(m);
    }
    return found;
  }

  /** A customer (in `lang`) opens a ticket, an admin closes it; the survey link from the mail. */
  async function closedTicketLink(lang: Lang) {
    const username = `csat${lang}${++n}${Date.now().toString(36)}`;
    const email = `${username}@example.com`;
    await admin.post('/users', {
      role: 'customer',
      username,
      name: `Rana ${n}`,
      email,
      password: 'csat-pass-123',
      locale: lang,
    });
    const customer = await ApiClient.login(server.base, username, 'csat-pass-123');
    const subject = lang === 'fa' ? `چاپگر طبقهٔ دوم ${n}` : `Second floor printer ${n}`;
    const tk = await customer.post<{ number: number }>('/tickets', {
      subject,
      body: '<p>It prints blank pages.</p>',
      departmentId,
    });
    await admin.patch(`/tickets/${tk.number}`, { status: 'closed' });
    await expect.poll(async () => (await surveyMails(email)).length, { timeout: 30_000 }).toBe(1);
    const [mail] = await surveyMails(email);
    expect(mail.subject).toContain(`[#${tk.number}]`);
    expect(mail.html || '').toContain(`dir="${lang === 'fa' ? 'rtl' : 'ltr'}"`);
    const link = /(https?:\/\/\S+\/csat\/[A-Za-z0-9_-]{43})\?rating=5/.exec(mail.text ?? '')![1];
    expect(link.startsWith(`${server.base}/csat/`)).toBe(true);
    return { number: tk.number, subject, link, token: link.split('/').pop()! };
  }

  it('the admin turns SMS on and sets a delay in the settings page, and back', async () => {
    const person = await newPerson(browser, server.base);
    const { page } = person;
    await admin.shareWith(person.context);
    await page.goto('/admin/settings');
    await page.getByRole('heading', { level: 2, name: tr('fa', 'admin.settings.csatSection') }).waitFor();
    await settled(page);
    expect(await page.getByTestId('settings-csat-enabled').isChecked()).toBe(true);
    expect(await page.getByTestId('settings-csat-email').isChecked()).toBe(true);
    expect(await page.getByTestId('settings-csat-sms').isChecked()).toBe(false);
    await page.getByTestId('settings-csat-sms').check();
    await page.getByTestId('settings-csat-delay').fill('۱۵');
    await page.getByRole('region', { name: tr('fa', 'admin.settings.csatSection') }).screenshot({
      path: `${SCREENSHOTS}/csat-fa-admin-settings.png`,
    });
    await page.getByTestId('settings-save').click();
    await expect
      .poll(async () => (await admin.get<{ csat: unknown }>('/settings')).csat)
      .toEqual({ enabled: true, channels: ['email', 'sms'], delayMinutes: 15 });
    await admin.patch('/settings', { csat: { channels: ['email'], delayMinutes: 0 } });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('in Persian on a desktop: five buttons, a click, a comment; the agent sees it', async () => {
    const { number, subject, link, token } = await closedTicketLink('fa');
    const person = await newPerson(browser, server.base);
    const { page } = person;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'csat.question') }).waitFor();
    await settled(page);
    expect(await htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect((await page.getByTestId('csat-ticket').textContent())?.trim()).toBe(
      tr('fa', 'csat.ticket', { n: faDigits(number) }),
    );
    await page.getByText(subject).waitFor();
    for (const r of [1, 2, 3, 4, 5])
      await page.getByRole('button', { name: tr('fa', `csat.rating.${r}`), exact: true }).waitFor();
    await checkA11y(page, 'survey page (fa)');
    await shot(page, 'csat-fa-desktop');

    await page.getByTestId('csat-rate-4').click();
    await page.getByRole('heading', { level: 1, name: tr('fa', 'csat.thanksTitle') }).waitFor();
    expect(await page.getByTestId('csat-answer').getAttribute('data-rating')).toBe('4');
    const box = page.getByRole('textbox', { name: tr('fa', 'csat.commentLabel') });
    await box.fill('پاسخ سریع و دقیق بود.');
    await page.getByTestId('csat-comment-send').click();
    await page.getByTestId('csat-comment-saved').waitFor();
    await checkA11y(page, 'survey thanks (fa)');
    await shot(page, 'csat-fa-desktop-thanks');

    const read = await new ApiClient(server.base).get<{ answered: boolean; rating: number }>(`/public/csat/${token}`);
    expect(read).toMatchObject({ answered: true, rating: 4 });
    const ticket = await admin.get<{ csat: { rating: number; comment: string } }>(`/tickets/${number}`);
    expect(ticket.csat).toMatchObject({ rating: 4, comment: 'پاسخ سریع و دقیق بود.' });

    // The agent's ticket page shows the answer.
    const agent = await newPerson(browser, server.base);
    await admin.shareWith(agent.context);
    await agent.page.goto(`/agent/tickets/${number}`);
    await agent.page.getByTestId('ticket-csat').waitFor();
    expect(await agent.page.getByTestId('ticket-csat').getAttribute('data-rating')).toBe('4');
    await agent.page.getByTestId('ticket-csat').getByText('پاسخ سریع و دقیق بود.').waitFor();
    await agent.page.getByTestId('ticket-csat').screenshot({ path: `${SCREENSHOTS}/csat-fa-ticket-card.png` });

    expect(person.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
    await person.context.close();
    await agent.context.close();
  });

  it('in English: the one-click link records its rating as the page opens', async () => {
    const { link, token } = await closedTicketLink('en');
    const person = await newPerson(browser, server.base);
    const { page } = person;
    await page.goto('/guest/track');
    await setLang(page, 'en');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/public/csat/${token}`) && r.request().method() === 'POST',
    );
    await page.goto(`${link}?rating=5`);
    expect((await answered).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: tr('en', 'csat.thanksTitle') }).waitFor();
    await settled(page);
    expect(await page.getByTestId('csat-answer').getAttribute('data-rating')).toBe('5');
    // The rating left the address: a reload does not send it again.
    expect(new URL(page.url()).search).toBe('');
    await checkA11y(page, 'survey thanks (en)');
    await shot(page, 'csat-en-desktop-one-click');

    // Another rating from a second one-click link is refused, in English.
    await page.goto(`${link}?rating=1`);
    await page.getByRole('heading', { level: 1, name: tr('en', 'csat.thanksTitle') }).waitFor();
    await page.getByText(/already been answered/).waitFor();
    expect(await page.getByTestId('csat-answer').getAttribute('data-rating')).toBe('5');
    await shot(page, 'csat-en-desktop-conflict');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('on a phone in Persian: the buttons fit 360 px; an unknown link is a clear not-found page', async () => {
    const { link } = await closedTicketLink('fa');
    const person = await newPerson(browser, server.base, 'phone');
    const { page } = person;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'csat.question') }).waitFor();
    await settled(page);
    await fitsPhone(page, 'survey page (fa)');
    await shot(page, 'csat-fa-phone');
    await page.getByTestId('csat-rate-2').click();
    await page.getByRole('heading', { level: 1, name: tr('fa', 'csat.thanksTitle') }).waitFor();
    await fitsPhone(page, 'survey thanks (fa)');
    await shot(page, 'csat-fa-phone-thanks');

    await page.goto(`/csat/${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'csat.notFoundTitle') }).waitFor();
    await page.getByText('این پیوند نظرسنجی معتبر نیست.').waitFor();
    await shot(page, 'csat-fa-phone-not-found');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
