import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverFa from '../../src/server/i18n/fa.json';
import { launchBrowser, type Person } from './helpers/browser';
import {
  chooseOption,
  overflow,
  pngBytes,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  webEnv,
} from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { DESK_NAME, MOBILE, setUpSetiranDesk, T, TYPE_NAME } from './helpers/setiran-desk';

/**
 * E1–E5 from the requester's side, in Persian: an admin sets up (through the API) the desk
 * SETIRAN with «درخواست شارژ مبلغ پنل پیامکی» — a form of seven fields and a workflow of five
 * steps (a 72-working-hour timer, a step that needs a file, one that needs a comment and texts
 * the requester). The customer finds it in the catalogue, sends the form (a required field left
 * empty first shows the server's message under it), lands on SETIRAN-1 (the next number when the
 * demo has requests on that desk) and takes the steps that are hers — the one needing a file is
 * refused without one; the agent takes the last with a comment; the customer sees the request
 * closed and every step as an activity line; the SMS with the amount reaches her mobile.
 * Screenshots in Persian and English, desktop and phone.
 */

/** What this test reads of GET /tickets/SETIRAN-n. */
type Ticket = { values: Record<string, unknown>; timers?: Array<{ transitionId: string; dueAt: string }> };

/** What a translated sentence shows once its user-text parts are isolated (FSI … PDI). */
const iso = (s: string) => `\u2068${s}\u2069`;

describe('service catalogue: a requester sends a desk request and walks it through its workflow', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  let typeId = '';
  let deskId = '';
  /** The request's key: SETIRAN-1 on a desk of its own, the next number on the demo's SETIRAN desk. */
  let key = '';
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function person(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    await (await ApiClient.login(server.base, who)).patch('/me', { locale: 'fa' });
    const p = await signedInPerson(browser, server.base, who, screen);
    // Console warnings and errors too (React keys, MUI values out of range…), not only uncaught errors.
    p.page.on('console', (m) => {
      // (The refusals this test provokes on purpose answer 400: the browser logs those itself.)
      if (/Failed to load resource: .* 400 /.test(m.text())) return;
      if (m.type() === 'error' || m.type() === 'warning') p.errors.push(`console ${m.type()}: ${m.text()}`);
    });
    people.push(p);
    return p.page;
  }
  const status = (page: Page) => page.getByTestId('workflow-panel').getByTestId('workflow-status');
  const waitStatus = (page: Page, key: string) =>
    page.locator(`[data-testid="workflow-panel"] [data-testid="workflow-status"][data-status="${key}"]`).waitFor();

  async function takeStep(page: Page, id: string, fill?: (dialog: Locator) => Promise<void>) {
    await page.getByTestId(`transition-${id}`).click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByTestId('transition-submit').click();
    await dialog.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
    // SMS through the `log` gateway: each text is a line of DATA_DIR/outbox/sms.log.
    await admin.put('/sms-gateway', { provider: 'log', sender: '10008663' });
    ({ deskId, typeId } = await setUpSetiranDesk(admin));
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('the customer sends the form, takes her steps, the agent finishes, the SMS goes out', async () => {
    const page = await person('ali');
    await page.goto('/portal');
    await page.locator('nav a[href="/portal/desks"]').click();
    await page.getByRole('heading', { level: 1, name: tr('fa', 'catalogue.title') }).waitFor();
    await settled(page);
    const card = page.getByTestId('desk-SETIRAN').getByTestId(`request-type-${typeId}`);
    expect(await card.textContent()).toContain(TYPE_NAME);
    await a11y.check(page, 'catalogue (fa, desktop)');
    await shotFromTop(page, 'catalogue-list-fa-desktop');

    await card.click();
    await page.waitForURL((u) => u.pathname === `/portal/desks/${deskId}/request-types/${typeId}`);
    await page.getByRole('heading', { level: 1, name: TYPE_NAME }).waitFor();
    await settled(page);
    // Everything but the full name: the server refuses, its message under that field.
    await chooseOption(page, page.getByTestId('request-field-unit'), 'دانشکده فنی و مهندسی');
    await page.getByTestId('request-field-phone').fill('۰۲۱-۸۸۰۰۱۲۳۴');
    await page.getByTestId('request-field-mobile').fill('۰۹۱۲۱۲۳۴۵۶۷');
    const amount = page.getByTestId('request-field-amount');
    await amount.pressSequentially('۱۲۵۰۰۰۰');
    // Grouped by thousands while typed, in Persian digits.
    expect(await amount.inputValue()).toBe('۱٬۲۵۰٬۰۰۰');
    await page.getByTestId('request-field-description').fill('شارژ پنل پیامکی دانشکده برای اطلاع‌رسانی ثبت‌نام');
    await chooseOption(page, page.getByTestId('request-field-priority'), tr('fa', 'priority.high'));
    await page.getByTestId('request-submit').click();
    const nameHelp = page.locator('#field-fullname-helper-text');
    await nameHelp.waitFor();
    expect(await nameHelp.textContent()).toBe(serverFa['validation.required']);
    expect(await page.getByTestId('request-field-fullname').getAttribute('aria-invalid')).toBe('true');
    await a11y.check(page, 'request form with an error (fa, desktop)');
    await shotFromTop(page, 'catalogue-form-error-fa-desktop');

    await page.getByTestId('request-field-fullname').fill('علی محمدی');
    await page.getByTestId('request-subject').fill('شارژ پنل پیامکی دانشکده');
    await page.getByTestId('request-submit').click();
    await page.waitForURL((u) => /^\/portal\/tickets\/SETIRAN-\d+$/.test(u.pathname));
    key = new URL(page.url()).pathname.split('/').pop()!;
    await waitStatus(page, 'new');
    await settled(page);
    expect(await page.getByTestId('ticket-key').textContent()).toBe(key);
    const values = page.getByTestId('request-values');
    expect(await values.getByTestId('request-value-amount').textContent()).toContain('۱٬۲۵۰٬۰۰۰');
    expect(await values.getByTestId('request-value-unit').textContent()).toContain('دانشکده فنی و مهندسی');
    expect(await values.getByTestId('request-value-priority').textContent()).toContain(tr('fa', 'priority.high'));
    expect(await status(page).textContent()).toBe('ثبت شد');
    const stored = await admin.get<Ticket>(`/tickets/${key}`);
    expect(stored.values).toMatchObject({ amount: 1250000, mobile: MOBILE, fullname: 'علی محمدی' });
    // Only the requester's first step is offered to her.
    expect(await page.locator('[data-testid^="transition-"][data-testid$="invoice"]').count()).toBe(1);
    await a11y.check(page, 'request page, new (fa, desktop)');
    await shotFromTop(page, 'catalogue-ticket-new-fa-desktop');

    // «صدور فاکتور»: the timer of 72 working hours starts, its expiry step named with its time.
    await takeStep(page, 'request_invoice');
    await waitStatus(page, 'invoice_requested');
    const timer = page.getByTestId('workflow-timer');
    await timer.waitFor();
    expect(await timer.textContent()).toContain(T.overdue);
    const timers = (await admin.get<Ticket>(`/tickets/${key}`)).timers ?? [];
    expect(timers.map((x) => x.transitionId)).toEqual(['invoice_overdue']);
    expect(await page.getByTestId('transition-invoice_overdue').count()).toBe(0);

    await takeStep(page, 'invoice_issued');
    await waitStatus(page, 'paying');
    await a11y.check(page, 'request page, paying (fa, desktop)');
    await shotFromTop(page, 'catalogue-ticket-buttons-fa-desktop');

    // The receipt step needs a file: refused without one, the message in the dialog.
    await page.getByTestId('transition-send_receipt').click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.waitFor();
    const refused = page.waitForResponse((r) => r.url().includes('/transitions/send_receipt'));
    await dialog.getByTestId('transition-submit').click();
    const answer = await refused;
    expect(answer.status()).toBeGreaterThanOrEqual(400);
    const body = (await answer.json()) as { error: { fields?: Record<string, string>; message: string } };
    const message = body.error.fields?.attachmentIds ?? body.error.message;
    await dialog.getByText(message, { exact: false }).first().waitFor();
    await waitStatus(page, 'paying');
    await a11y.check(page, 'transition dialog with an error (fa, desktop)');
    await shotViewport(page, 'catalogue-transition-error-fa-desktop');
    await dialog.getByTestId('attachment-input').setInputFiles({
      name: 'رسید-پرداخت.png',
      mimeType: 'image/png',
      buffer: pngBytes(24),
    });
    await dialog.getByText('رسید-پرداخت.png', { exact: false }).first().waitFor();
    await dialog.getByTestId('transition-comment').fill('فاکتور پرداخت شد؛ رسید پیوست است.');
    await dialog.getByTestId('transition-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await waitStatus(page, 'paid');
    // Nothing left for her: the next step is the agent's.
    expect(await page.getByTestId('workflow-panel').locator('[data-testid^="transition-"]').count()).toBe(0);

    // The agent opens the request by its key and takes «شارژ انجام شد»: a comment is required.
    const agent = await person('sara');
    await agent.goto(`/agent/tickets/${key}`);
    await settled(agent);
    expect(await agent.getByTestId('ticket-ref').textContent()).toBe(key);
    await waitStatus(agent, 'paid');
    // Staff read the steps by their names, with who took them.
    const staffLines = agent.getByTestId('transition-line');
    await expect.poll(() => staffLines.count()).toBe(3);
    expect(await staffLines.nth(0).textContent()).toBe(
      tr('fa', 'catalogue.activity.staff', {
        author: iso('علی محمدی'),
        name: iso(T.request),
        to: iso('درخواست فاکتور'),
      }),
    );
    await agent.getByTestId('transition-charged').click();
    const agentDialog = agent.getByTestId('transition-dialog');
    await agentDialog.getByTestId('transition-submit').click();
    const commentHelp = agentDialog.locator('.MuiFormHelperText-root.Mui-error');
    await commentHelp.waitFor();
    await a11y.check(agent, 'agent transition dialog with an error (fa, desktop)');
    await shotViewport(agent, 'catalogue-agent-transition-error-fa-desktop');
    await agentDialog.getByTestId('transition-comment').fill('مبلغ شارژ شد. سپاس از شکیبایی شما.');
    await agentDialog.getByTestId('transition-submit').click();
    await agentDialog.waitFor({ state: 'detached' });
    await waitStatus(agent, 'done');
    await settled(agent);
    await a11y.check(agent, 'agent request page, done (fa, desktop)');
    await shotFromTop(agent, 'catalogue-agent-ticket-fa-desktop');

    // The customer's page follows (live): closed, and every step as «وضعیت درخواست شما …».
    await waitStatus(page, 'done');
    expect(await status(page).getAttribute('data-category')).toBe('closed');
    const lines = page.getByTestId('transition-line');
    await expect.poll(() => lines.count()).toBe(4);
    const expected = ['در انتظار صدور فاکتور', 'در انتظار پرداخت شما', 'در حال بررسی پرداخت', 'شارژ انجام شد'].map(
      (s) => tr('fa', 'catalogue.activity.requester', { status: iso(s) }),
    );
    expect(await lines.allTextContents()).toEqual(expected);
    const activities = page.getByTestId('transition-activity');
    expect(await activities.nth(2).getByTestId('attachment-link').textContent()).toBe('رسید-پرداخت.png');
    expect(await activities.nth(3).getByTestId('transition-comment-text').textContent()).toContain('مبلغ شارژ شد');
    await settled(page);
    await a11y.check(page, 'request page, done (fa, desktop)');
    await shotFromTop(page, 'catalogue-ticket-done-fa-desktop');

    // The SMS action: the requester's mobile gets the amount, and the deliveries log has it.
    const smsLog = join(server.dataDir, 'outbox', 'sms.log');
    const texts = () =>
      existsSync(smsLog)
        ? readFileSync(smsLog, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { to: string; text: string })
        : [];
    await expect
      .poll(() => texts().filter((m) => m.to.endsWith(MOBILE.slice(1)) && m.text.includes('تومان شارژ گردید')), {
        timeout: 30_000,
      })
      .toHaveLength(1);
    const sms = texts().find((m) => m.text.includes('تومان شارژ گردید'))!;
    expect(sms.text).toMatch(/1,250,000|۱٬۲۵۰٬۰۰۰|1250000/);
    const deliveries = await admin.get<{ items: Array<{ channel: string; to: string; status: string }> }>(
      '/deliveries',
      { channel: 'sms' },
    );
    expect(deliveries.items.some((d) => d.to.endsWith(MOBILE.slice(1)) && d.status === 'sent')).toBe(true);
  });

  it('"my requests" lists the request with its status and filters by request type', async () => {
    const page = await person('ali');
    await page.goto('/portal');
    await page.locator('nav a[href="/portal/requests"]').click();
    await page.getByRole('heading', { level: 1, name: tr('fa', 'catalogue.requests.title') }).waitFor();
    await settled(page);
    const row = page.locator(`[data-testid="request-row"][data-key="${key}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('شارژ انجام شد');
    // The request type, then its desk, each isolated in its own direction.
    expect(await row.textContent()).toContain(`${iso(TYPE_NAME)} · ${iso(DESK_NAME)}`);
    await chooseOption(page, page.getByTestId('requests-type'), TYPE_NAME);
    await page.waitForURL((u) => u.searchParams.get('requestTypeId') === typeId);
    await row.waitFor();
    await settled(page);
    await a11y.check(page, 'my requests (fa, desktop)');
    await shotFromTop(page, 'catalogue-requests-fa-desktop');
    await row.click();
    await page.waitForURL((u) => u.pathname === `/portal/tickets/${key}`);
    await waitStatus(page, 'done');
  });

  it('in English and on a phone: catalogue, form, request page and my requests', async () => {
    const screens: Array<['desktop' | 'phone', 'fa' | 'en']> = [
      ['desktop', 'en'],
      ['phone', 'fa'],
      ['phone', 'en'],
    ];
    for (const [screen, lang] of screens) {
      const page = await person('ali', screen);
      await page.goto('/portal/desks');
      await settled(page);
      await switchLanguage(page, lang);
      const pages: Array<[string, string]> = [
        ['/portal/desks', 'list'],
        [`/portal/desks/${deskId}/request-types/${typeId}`, 'form'],
        [`/portal/tickets/${key}`, 'ticket'],
        ['/portal/requests', 'requests'],
      ];
      for (const [path, name] of pages) {
        await page.goto(path);
        await settled(page);
        if (name === 'ticket') await waitStatus(page, 'done');
        if (name === 'requests') await page.locator(`[data-testid="request-row"][data-key="${key}"]`).waitFor();
        if (screen === 'phone') {
          const o = await overflow(page);
          expect(o.by, `${path} (${lang}, phone) is ${o.by}px too wide: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(
            1,
          );
        }
        await a11y.check(page, `${path} (${lang}, ${screen})`);
        await shotFromTop(page, `catalogue-${name}-${lang}-${screen}`);
      }
      await switchLanguage(page, 'fa');
    }
    // The agent's page in English, with the steps as staff read them.
    const agent = await person('sara');
    await agent.goto(`/agent/tickets/${key}`);
    await settled(agent);
    await switchLanguage(agent, 'en');
    await waitStatus(agent, 'done');
    await settled(agent);
    await shotFromTop(agent, 'catalogue-agent-ticket-en-desktop');
    await switchLanguage(agent, 'fa');
  });
});
