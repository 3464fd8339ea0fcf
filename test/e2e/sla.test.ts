import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TSlaPolicy as Policy } from '../../src/contracts/sla';
import serverFa from '../../src/server/i18n/fa.json';
import { slaLabel, type TicketSla } from '../../src/web/features/sla/sla-time';
import { launchBrowser, shot, type Person } from './helpers/browser';
import {
  chooseOption,
  faDigits,
  overflow,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  webEnv,
  type Lang,
} from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * E3 in the browser: the admin creates an SLA policy in Persian (refused without a target, with
 * the server's message there; then hours and minutes sent as working minutes), edits it (the whole
 * policy is sent) and deletes another. An agent sees the SLA chip in the ticket center and on the
 * ticket page — a countdown on a round-the-clock calendar, amber when the warning comes at once,
 * red once a one-minute first response is missed (the server's timer job) — with the due times in
 * Jalali; filters by sla=warning. Screenshots in fa and en, desktop and phone; axe on each.
 */

const isCall = (path: string, method: string) => (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === `/api/v1${path}` && r.request().method() === method;
// A select in a dialog: `chooseOption` presses Escape while the menu fades out, and the dialog
// would take it (asking to discard changes); only a multiple select's open menu needs one.
async function pick(page: Page, select: Locator, option: string, multiple = false): Promise<void> {
  await select.getByRole('combobox').click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  if (multiple) await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'detached' });
}
/** How far the ticket table is wider than its box (0 when it fits: no sideways scrolling). */
const tableSideways = (page: Page) =>
  page
    .getByRole('table')
    .locator('..')
    .evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth);
/** Jalali date and time as the app shows an instant in Persian (the workspace's Tehran clock). */
const jalaliDateTime = (iso: string) =>
  new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Tehran',
  }).format(new Date(iso));
/** What the chip may read for `sla` now (or a minute later: the page's clock ticks on its own). */
const chipTexts = (sla: TicketSla, lang: Lang) => {
  const t = (key: string, vars?: Record<string, unknown>) => tr(lang, key, vars as Record<string, string>);
  const n = (x: number) => (lang === 'fa' ? faDigits(x) : String(x));
  return [Date.now(), Date.now() + 60_000, Date.now() - 60_000].map((now) => slaLabel(sla, now, t, n));
};

describe('SLA policies and the SLA chip', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: ApiClient;
  let ali: ApiClient;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  const dept: Record<string, string> = {};
  let roundTheClock = '';
  let saraId = '';
  let uiPolicy: Policy;
  /** Urgent: a one-minute first response, missed a minute after it is opened. */
  let urgent: number;
  /** High: warned from the start (the warning covers the whole target). */
  let warned: number;
  /** Technical support, medium: under the policy the admin creates on the page. */
  let fresh: number;

  const ticket = (n: number) => admin.get<{ sla: TicketSla | null }>(`/tickets/${n}`);
  const open = (subject: string, departmentId: string, priority: string) =>
    ali.post<{ number: number }>('/tickets', { subject, departmentId, priority, body: `<p>${subject}</p>` });

  async function person(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const p = await signedInPerson(browser, server.base, who, screen);
    people.push(p);
    return p.page;
  }
  async function adminPage(page: Page, lang: Lang = 'fa'): Promise<void> {
    await page.goto('/admin/sla');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.sla.title'), exact: true }).waitFor();
    await settled(page);
  }
  /** The ticket center, newest first (the tickets made here on top), once loaded. */
  async function center(page: Page): Promise<void> {
    await page.goto('/agent/tickets?sort=-created');
    await page.getByTestId(`ticket-row-${fresh}`).waitFor();
    await settled(page);
  }
  /** A ticket's page, once loaded; its SLA in the side panel. */
  async function ticketPage(page: Page, n: number): Promise<Locator> {
    await page.goto(`/agent/tickets/${n}`);
    const fact = page.getByTestId('ticket-sla');
    await fact.waitFor();
    await settled(page);
    return fact;
  }
  const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
  const chipOf = (scope: Page | Locator, n: number) => scope.getByTestId(`ticket-row-${n}`).getByTestId('sla-chip');

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    admin = await ApiClient.login(server.base, 'admin');
    ali = await ApiClient.login(server.base, 'ali');
    const deps = await admin.get<{ items: Array<{ id: string; name: string }> }>('/departments', { pageSize: 100 });
    for (const d of deps.items) dept[d.name] = d.id;
    const staff = await admin.get<{ items: Array<{ id: string; username: string }> }>('/users', { role: 'agent' });
    saraId = staff.items.find((u) => u.username === 'sara')!.id;
    // A calendar that never stops, so that countdowns do not depend on the hour the test runs at.
    const week = Object.fromEntries(
      ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['00:00', '24:00']]]),
    );
    roundTheClock = (await admin.post<{ id: string }>('/calendars', { name: 'شبانه‌روزی', week })).id;
    // Before the demo's policy (position 10), which holds for every ticket.
    const policy = (name: string, position: number, priority: string, firstResponse: number, warnBefore: number) =>
      admin.post<Policy>('/sla-policies', {
        ...{ name, position, calendarId: roundTheClock, targets: { firstResponse }, warnBefore },
        conditions: { priorities: [priority] },
      });
    const oneMinute = await policy('فوری: یک دقیقه', 2, 'urgent', 1, 0);
    await policy('بالا: هشدار از ابتدا', 3, 'high', 120, 120);
    // Rules are cached for a few seconds; a policy change drops them, the recompute job follows.
    for (let i = 0; ; i++) {
      urgent = (await open('قطعی اینترنت ساختمان مرکزی', dept['فروش'], 'urgent')).number;
      if ((await ticket(urgent)).sla?.policyId === oneMinute.id) break;
      if (i > 15) throw new Error('the one-minute policy never applied to a new urgent ticket');
      await new Promise((r) => setTimeout(r, 1_000));
    }
    warned = (await open('فاکتور اشتباه صادر شده', dept['فروش'], 'high')).number;
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('the admin creates a policy on the page in Persian: refused without a target, then saved in working minutes', async () => {
    const page = await person('admin');
    await adminPage(page);
    expect(await page.locator('nav a[href="/admin/sla"]').getAttribute('aria-current')).toBe('page');
    // The policies in matching order: the two made above before the demo's (position 10).
    const names = await page
      .locator('[data-testid^="admin-row-"]')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { textContent: string }).textContent));
    expect(names.findIndex((x) => x.includes('فوری: یک دقیقه'))).toBeLessThan(
      names.findIndex((x) => x.includes('پاسخ در نیم روز کاری')),
    );
    const demo = (await admin.get<{ items: Policy[] }>('/sla-policies')).items.find((p) => p.position === 10)!;
    // 240 and 2400 working minutes as hours; the demo policy holds for every ticket.
    expect(await text(page, `sla-targets-${demo.id}`)).toMatch(/اولین پاسخ: ۴ ساعت.*حل: ۴۰ ساعت/);
    expect(await text(page, `sla-conditions-${demo.id}`)).toBe(tr('fa', 'admin.sla.allTickets'));
    await a11y.check(page, 'SLA policies (fa, desktop)');
    await shotFromTop(page, 'sla-policies-fa-desktop');

    await page.getByTestId('admin-create').click();
    const dialog = page.getByTestId('sla-dialog');
    await dialog.getByTestId('sla-name').fill('پشتیبانی فنی در یک ساعت و نیم');
    // No target at all: the server's message under the targets, nothing saved.
    for (const k of ['firstResponse', 'resolution'])
      for (const part of ['hours', 'minutes']) await dialog.getByTestId(`sla-target-${k}-${part}`).fill('');
    const refused = page.waitForResponse(isCall('/sla-policies', 'POST'));
    await dialog.getByTestId('sla-save').click();
    expect((await refused).status()).toBe(400);
    const message = dialog.getByTestId('sla-targets-error');
    await message.waitFor();
    expect(await message.textContent()).toBe(serverFa['validation.sla_no_target']);
    expect((await admin.get<{ total: number }>('/sla-policies')).total).toBe(3);
    await message.scrollIntoViewIfNeeded();
    await shotViewport(page, 'sla-dialog-error-fa-desktop');

    // 1 h 30 min to the first response, 8 h to resolution, a warning 20 minutes before; typed in Persian digits.
    await dialog.getByTestId('sla-position').fill('۱');
    await pick(page, dialog.getByTestId('sla-calendar'), 'شبانه‌روزی');
    await pick(page, dialog.getByTestId('sla-departments'), 'پشتیبانی فنی', true);
    await dialog.getByTestId('sla-target-firstResponse-hours').fill('۱');
    await dialog.getByTestId('sla-target-firstResponse-minutes').fill('۳۰');
    await dialog.getByTestId('sla-target-resolution-hours').fill('8');
    await dialog.getByTestId('sla-warn-before-minutes').fill('۲۰');
    await dialog.getByTestId('sla-raise-priority').check();
    await dialog.getByTestId('sla-notify').fill('سارا');
    await page.getByRole('option', { name: 'سارا احمدی (sara)' }).click();
    await a11y.check(page, 'SLA policy editor (fa, desktop)');
    await shotViewport(page, 'sla-dialog-fa-desktop');
    const created = page.waitForResponse(isCall('/sla-policies', 'POST'));
    await dialog.getByTestId('sla-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({
      name: 'پشتیبانی فنی در یک ساعت و نیم',
      position: 1,
      calendarId: roundTheClock,
      conditions: { departmentIds: [dept['پشتیبانی فنی']] },
      targets: { firstResponse: 90, nextResponse: null, resolution: 480 },
      warnBefore: 20,
      pauseWhilePending: true,
      onBreach: { transferToDepartmentId: null, assignToId: null, raisePriority: true, notify: [saraId] },
    });
    uiPolicy = (await res.json()) as Policy;
    await dialog.waitFor({ state: 'detached' });
    // First in the matching order, its targets in hours and minutes of working time.
    const row = page.locator('[data-testid^="admin-row-"]').first();
    await expect.poll(() => row.getAttribute('data-testid')).toBe(`admin-row-${uiPolicy.id}`);
    expect(await text(page, `sla-targets-${uiPolicy.id}`)).toMatch(/اولین پاسخ: ۱ ساعت و ۳۰ دقیقه.*حل: ۸ ساعت/);
    expect(await text(page, `sla-conditions-${uiPolicy.id}`)).toContain('پشتیبانی فنی');
    expect(await row.textContent()).toContain('۲۰ دقیقه');
    await shotFromTop(page, 'sla-policies-created-fa-desktop');

    // An edit sends the whole policy back (the rest unchanged), not only the field that changed.
    await page.getByTestId(`admin-edit-${uiPolicy.id}`).click();
    expect(await dialog.getByTestId('sla-target-firstResponse-minutes').inputValue()).toBe('۳۰');
    await dialog.getByTestId('sla-warn-before-minutes').fill('۱۰');
    const patched = page.waitForResponse(isCall(`/sla-policies/${uiPolicy.id}`, 'PATCH'));
    await dialog.getByTestId('sla-save').click();
    const patchRes = await patched;
    expect(patchRes.status()).toBe(200);
    expect(JSON.parse(patchRes.request().postData() ?? '{}')).toMatchObject({
      position: 1,
      calendarId: roundTheClock,
      conditions: { departmentIds: [dept['پشتیبانی فنی']] },
      targets: { firstResponse: 90, resolution: 480 },
      warnBefore: 10,
      onBreach: { raisePriority: true, notify: [saraId] },
    });
    await dialog.waitFor({ state: 'detached' });

    // Another policy, deleted after confirming.
    const spare = await admin.post<Policy>('/sla-policies', {
      name: 'موقت',
      position: 50,
      targets: { resolution: 60 },
    });
    await page.reload();
    await settled(page);
    await page.getByTestId(`admin-delete-${spare.id}`).click();
    const removed = page.waitForResponse(isCall(`/sla-policies/${spare.id}`, 'DELETE'));
    await page.getByTestId('admin-confirm-delete').click();
    expect((await removed).status()).toBe(204);
    await page.getByTestId(`admin-row-${spare.id}`).waitFor({ state: 'detached' });
    expect((await admin.get<{ total: number }>('/sla-policies')).total).toBe(4);

    expect(await admin.get(`/sla-policies/${uiPolicy.id}`)).toMatchObject({ warnBefore: 10, position: 1 });
  });

  it('an agent sees the chip in the ticket center and on the ticket page, and filters by sla=warning', async () => {
    // A new ticket in technical support: under the admin's policy (once the cached rules are dropped).
    await expect
      .poll(
        async () => {
          fresh = (await open('چاپگر طبقهٔ دوم کار نمی‌کند', dept['پشتیبانی فنی'], 'medium')).number;
          return (await ticket(fresh)).sla?.policyId;
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(uiPolicy.id);
    expect((await ticket(warned)).sla?.state).toBe('warning');
    // The one-minute target is missed: the timer job records it.
    await expect
      .poll(async () => (await ticket(urgent)).sla?.state, { timeout: 100_000, interval: 2_000 })
      .toBe('breached');
    const freshSla = (await ticket(fresh)).sla!;
    expect(freshSla.state).toBe('ok');

    const page = await person('sara');
    await center(page);
    const chip = chipOf(page, fresh);
    expect(await chip.getAttribute('data-state')).toBe('ok');
    expect(chipTexts(freshSla, 'fa')).toContain(await chip.textContent());
    expect(await chip.textContent()).toMatch(/^۱ ساعت و [۰-۹]+ دقیقه مانده$/);
    expect(await chipOf(page, warned).getAttribute('data-state')).toBe('warning');
    expect(await chipOf(page, urgent).getAttribute('data-state')).toBe('breached');
    expect(await chipOf(page, urgent).textContent()).toMatch(/^[۰-۹]+ دقیقه تأخیر$/);
    expect(await page.getByRole('columnheader', { name: tr('fa', 'center.col.sla') }).count()).toBe(1);
    // The tooltip: each target's due time in Jalali, and which were missed.
    await chip.hover();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toContain(
      `${tr('fa', 'sla.target.firstResponse')}${jalaliDateTime(freshSla.firstResponseDue!)}`,
    );
    expect(await tip.textContent()).toContain(tr('fa', 'sla.details.notRunning'));
    // The SLA column keeps the table within a laptop's screen (its words may take two lines).
    expect(await tableSideways(page)).toBeLessThanOrEqual(1);
    await a11y.check(page, 'ticket center with SLA chips (fa, desktop)');
    await shotViewport(page, 'sla-center-tooltip-fa-desktop');
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'detached' });
    await shotFromTop(page, 'sla-center-fa-desktop');

    // The ticket page: the chip and the due times spelled out in the side panel.
    const fact = await ticketPage(page, urgent);
    expect(await fact.getByTestId('sla-chip').getAttribute('data-state')).toBe('breached');
    const urgentSla = (await ticket(urgent)).sla!;
    expect(await fact.getByTestId('sla-due-firstResponse').textContent()).toBe(
      `${tr('fa', 'sla.target.firstResponse')}${jalaliDateTime(urgentSla.firstResponseDue!)}${tr('fa', 'sla.details.missed')}`,
    );
    await a11y.check(page, 'ticket page with a missed SLA (fa, desktop)');
    await shotFromTop(page, 'sla-ticket-breached-fa-desktop');
    await ticketPage(page, fresh);
    expect(chipTexts(freshSla, 'fa')).toContain(await fact.getByTestId('sla-chip').textContent());
    await shotFromTop(page, 'sla-ticket-fa-desktop');

    // The filter: SLA "warning", in the address and in the API call.
    await center(page);
    await page.getByTestId('filter-more').click();
    const listed = page.waitForResponse(
      (r) => isCall('/tickets', 'GET')(r) && new URL(r.url()).searchParams.get('sla') === 'warning',
    );
    await chooseOption(page, page.getByTestId('filter-sla'), tr('fa', 'center.slaWarning'));
    expect((await listed).status()).toBe(200);
    await expect.poll(() => new URL(page.url()).searchParams.get('sla')).toBe('warning');
    await page.getByTestId(`ticket-row-${warned}`).waitFor();
    await page.getByTestId(`ticket-row-${fresh}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId(`ticket-row-${urgent}`).count()).toBe(0);
    expect(await page.locator('[data-testid="sla-chip"]:not([data-state="warning"])').count()).toBe(0);
    await a11y.check(page, 'ticket center filtered by SLA (fa, desktop)');
    await shotFromTop(page, 'sla-center-filter-fa-desktop');
    // The quick view does the same from the default queue.
    await page.goto('/agent/tickets');
    const quick = page.getByTestId('quick-view-slaRisk');
    await quick.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sla')).toBe('warning');
    await expect.poll(() => quick.getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId(`ticket-row-${warned}`).waitFor();
    expect(await page.getByTestId(`ticket-row-${fresh}`).count()).toBe(0);
  });

  it('in English: the countdown and the overdue chip; the admin page', async () => {
    const page = await person('sara');
    await center(page);
    await switchLanguage(page, 'en');
    await settled(page);
    const freshSla = (await ticket(fresh)).sla!;
    expect(chipTexts(freshSla, 'en')).toContain(await chipOf(page, fresh).textContent());
    expect(await chipOf(page, urgent).textContent()).toMatch(/^overdue by \d+ min$/);
    expect(await chipOf(page, warned).textContent()).toMatch(/^1 h \d+ min left$/);
    expect(await tableSideways(page)).toBeLessThanOrEqual(1);
    await a11y.check(page, 'ticket center with SLA chips (en, desktop)');
    await shotFromTop(page, 'sla-center-en-desktop');
    await ticketPage(page, warned);
    await shotFromTop(page, 'sla-ticket-warning-en-desktop');
    await switchLanguage(page, 'fa');

    const adminUi = await person('admin');
    await adminUi.goto('/admin/sla');
    await switchLanguage(adminUi, 'en');
    await adminPage(adminUi, 'en');
    expect(await text(adminUi, `sla-targets-${uiPolicy.id}`)).toContain('First response: 1 h 30 min');
    await a11y.check(adminUi, 'SLA policies (en, desktop)');
    await shotFromTop(adminUi, 'sla-policies-en-desktop');
    await adminUi.getByTestId(`admin-edit-${uiPolicy.id}`).click();
    await adminUi.getByTestId('sla-dialog').waitFor();
    await a11y.check(adminUi, 'SLA policy editor (en, desktop)');
    await shotViewport(adminUi, 'sla-dialog-en-desktop');
    await adminUi.getByTestId('sla-cancel').click();
    await switchLanguage(adminUi, 'fa');
  });

  it('on a phone: the chips in the cards, the ticket page, the admin page and its editor fit 390 px', async () => {
    const page = await person('sara', 'phone');
    await center(page);
    expect(await chipOf(page, urgent).getAttribute('data-state')).toBe('breached');
    expect((await overflow(page)).by).toBeLessThanOrEqual(1);
    await a11y.check(page, 'ticket center cards with SLA chips (fa, phone)');
    await shotFromTop(page, 'sla-center-fa-phone');
    await (await ticketPage(page, fresh)).scrollIntoViewIfNeeded();
    expect((await overflow(page)).by).toBeLessThanOrEqual(1);
    await shotViewport(page, 'sla-ticket-fa-phone');

    const adminUi = await person('admin', 'phone');
    await adminPage(adminUi);
    expect((await overflow(adminUi)).by).toBeLessThanOrEqual(1);
    await a11y.check(adminUi, 'SLA policies (fa, phone)');
    await shot(adminUi, 'sla-policies-fa-phone');
    await adminUi.getByTestId(`admin-edit-${uiPolicy.id}`).click();
    const dialog = adminUi.getByTestId('sla-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('sla-target-firstResponse').scrollIntoViewIfNeeded();
    expect((await overflow(adminUi)).by).toBeLessThanOrEqual(1);
    await a11y.check(adminUi, 'SLA policy editor (fa, phone)');
    await shotViewport(adminUi, 'sla-dialog-fa-phone');
  });
});
