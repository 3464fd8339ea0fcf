import { beforeAll, describe, expect, it } from 'vitest';
import {
  faDigits,
  liveStreamConnected,
  markDocument,
  sameDocument,
  settled,
  shotFromTop,
  shotViewport,
  switchLanguage,
  tr,
  type Lang,
} from './helpers/flows';
import { fits, useNotifyWorld } from './helpers/notify-setup';
import { ApiClient } from './helpers/server';

/**
 * Issue 15, the notification screens: (a) the top bar's bell counts a customer's new ticket
 * live (the server's worker runs the notify jobs; the event stream says `notification.created`)
 * and lists it, a click opens the ticket and marks it read; (b) an agent's notification filter
 * (seed 004) saves each of its three modes, and the events × channels matrix saves. (c), the SMS
 * admin pages, is in notifications-sms.test.ts. Persian and English, 1366×800 and 390×844, axe
 * on every screen.
 */

interface Page_<T> {
  items: T[];
  total: number;
}
interface Notification {
  id: string;
  ticketNumber: number | null;
  title: string;
  readAt: string | null;
}
interface Settings {
  filter: { mode: string; userIds: string[] };
  channels: Record<string, boolean>;
  events: Record<string, boolean>;
}

const LANGS: Lang[] = ['fa', 'en'];
const AGENT = 'bellagent';
const SUBJECTS = { fa: 'چاپگر اتاق ۲۱۲ روشن نمی‌شود', en: 'Cannot print from the library laptop' };

describe('notifications: the bell, the profile settings and filter, the SMS admin pages', () => {
  const w = useNotifyWorld();
  const { a11y, person } = w;
  let agent: ApiClient;
  let ali: ApiClient;
  let john: ApiClient;
  let departmentId = '';
  let aliId = '';

  beforeAll(async () => {
    ali = await ApiClient.login(w.server.base, 'ali');
    john = await ApiClient.login(w.server.base, 'john');
    // An agent of its own (the default access level) in a department of its own: the demo's
    // tickets (whose notify jobs may still be running) concern neither, only this test's do.
    const made = await w.admin.post<{ id: string }>('/users', {
      role: 'agent',
      username: AGENT,
      name: 'نگار زنگوله‌چی',
      email: 'bellagent@demo.pishkhan.local',
      password: 'demo1234',
    });
    departmentId = (
      await w.admin.post<{ id: string }>('/departments', {
        name: 'چاپ و تکثیر',
        description: 'چاپگرها و دستگاه‌های کپی',
        agentIds: [made.id],
      })
    ).id;
    agent = await ApiClient.login(w.server.base, AGENT);
    const found = await w.admin.get<Page_<{ id: string; username: string }>>('/users', { role: 'customer', q: 'ali' });
    aliId = found.items.find((u) => u.username === 'ali')!.id;
  });

  const openTicket = (as: ApiClient, subject: string) =>
    as.post<{ number: number }>('/tickets', {
      subject,
      body: '<p>از صبح هر کاری می‌فرستم چاپ نمی‌شود. / Nothing prints since this morning.</p>',
      departmentId,
    });

  it('(a) the bell counts a customer’s new ticket live, lists it, and a click opens it read', async () => {
    const desk = await person(AGENT);
    const { page } = desk;
    const connected = liveStreamConnected(page);
    await page.goto('/agent');
    await connected;
    await settled(page);
    await markDocument(page);
    const bell = page.getByTestId('notification-bell');
    expect(await bell.getAttribute('data-unread')).toBe('0');

    // The customer opens a ticket through the API: the worker's notify job tells the bell, live.
    const first = await openTicket(ali, SUBJECTS.fa);
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 30_000 }).toBe('1');
    expect(await page.getByTestId('notification-badge').textContent()).toBe(faDigits(1));
    expect(await bell.getAttribute('aria-label')).toBe(tr('fa', 'notifications.bellUnread_one', { n: faDigits(1) }));
    // A second one, in English, by another customer.
    const second = await openTicket(john, SUBJECTS.en);
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 30_000 }).toBe('2');
    expect(await sameDocument(page)).toBe(true);

    await bell.click();
    const pop = page.getByTestId('notification-popover');
    const items = pop.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(SUBJECTS.en);
    expect(await items.nth(1).textContent()).toContain(SUBJECTS.fa);
    expect(await items.nth(1).getAttribute('data-unread')).toBe('true');
    await a11y.check(page, 'bell popover (fa, desktop)');
    await shotViewport(page, 'notify-bell-fa-desktop');

    // A click opens the ticket (the agent's page) and marks it read.
    await items.nth(1).click();
    await page.waitForURL((u) => u.pathname === `/agent/tickets/${first.number}`);
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    const mine = await agent.get<Page_<Notification>>('/notifications');
    expect(mine.items.find((n) => n.ticketNumber === first.number)!.readAt).not.toBeNull();
    expect(mine.items.find((n) => n.ticketNumber === second.number)!.readAt).toBeNull();

    // The whole list, then only the unread; "mark all read" empties the badge.
    for (const lang of LANGS) {
      await page.goto('/notifications');
      await page.locator('main h1').first().waitFor();
      await switchLanguage(page, lang);
      await page.getByRole('heading', { level: 1, name: tr(lang, 'notifications.title') }).waitFor();
      await settled(page);
      await expect.poll(() => page.getByTestId('notifications-list').getByTestId('notification-item').count()).toBe(2);
      await a11y.check(page, `notifications page (${lang}, desktop)`);
      await shotFromTop(page, `notify-page-${lang}-desktop`);
      await bell.click();
      await page.getByTestId('notification-popover').getByTestId('notification-item').first().waitFor();
      await a11y.check(page, `bell popover (${lang}, desktop)`);
      await shotViewport(page, `notify-bell-${lang}-desktop-open`);
      await page.keyboard.press('Escape');
      await page.getByTestId('notification-popover').waitFor({ state: 'detached' });
    }
    // The switch lives in the address (?unread=1): it turns on once the page has moved there.
    await page.getByTestId('notifications-unread-only').click();
    await page.waitForURL((u) => u.searchParams.get('unread') === '1');
    await expect.poll(() => page.getByTestId('notifications-unread-only').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('notifications-list').getByTestId('notification-item').count()).toBe(1);
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    await page.getByText(tr('en', 'notifications.emptyUnread'), { exact: true }).waitFor();
    expect((await agent.get<{ unread: number }>('/notifications', { unread: true })).unread).toBe(0);

    // Phones: the bell in the top bar, its list, and the page.
    const phone = await person(AGENT, 'phone');
    await openTicket(ali, `${SUBJECTS.fa} (۲)`);
    await expect
      .poll(async () => (await agent.get<{ unread: number }>('/notifications', { unread: true })).unread, {
        timeout: 30_000,
      })
      .toBe(1);
    for (const lang of LANGS) {
      await phone.page.goto('/notifications');
      await phone.page.locator('main h1').first().waitFor();
      await switchLanguage(phone.page, lang);
      await settled(phone.page);
      await fits(phone.page, `/notifications (${lang}, phone)`);
      await a11y.check(phone.page, `notifications page (${lang}, phone)`);
      await shotFromTop(phone.page, `notify-page-${lang}-phone`);
      await phone.page.getByTestId('notification-bell').click();
      await phone.page.getByTestId('notification-popover').getByTestId('notification-item').first().waitFor();
      await a11y.check(phone.page, `bell popover (${lang}, phone)`);
      await shotViewport(phone.page, `notify-bell-${lang}-phone`);
      await phone.page.keyboard.press('Escape');
      await phone.page.getByTestId('notification-popover').waitFor({ state: 'detached' });
    }
    await switchLanguage(phone.page, 'fa');

    // A customer's bell: the acknowledgement of their request opens it in the portal.
    const customer = await person('ali');
    await customer.page.goto('/portal');
    await settled(customer.page);
    const theirs = customer.page.getByTestId('notification-bell');
    await expect
      .poll(async () => Number(await theirs.getAttribute('data-unread')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await theirs.click();
    const ack = customer.page.getByTestId('notification-popover').getByTestId('notification-item').first();
    await ack.waitFor();
    await a11y.check(customer.page, 'bell popover (customer, fa, desktop)');
    await shotViewport(customer.page, 'notify-bell-customer-fa-desktop');
    await ack.click();
    await customer.page.waitForURL((u) => /^\/portal\/tickets\/\d+$/.test(u.pathname));
    expect(customer.errors).toEqual([]);
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });

  it('(b) the filter saves each of its modes (a reload shows it), and the events × channels matrix saves', async () => {
    const desk = await person(AGENT);
    const { page } = desk;
    await page.goto('/profile');
    await page.locator('main h1').first().waitFor();
    await switchLanguage(page, 'fa');
    const card = page.getByTestId('notification-filter');
    const radio = (m: string) => card.getByTestId(`filter-mode-${m}`);
    const saveFilter = async () => {
      const saved = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/v1/me/notification-settings' && r.request().method() === 'PUT',
      );
      await card.getByTestId('filter-save').click();
      expect((await saved).status()).toBe(200);
      await card.getByTestId('filter-saved').waitFor();
    };
    const reload = async () => {
      await page.reload();
      await settled(page);
      await card.getByTestId('filter-mode-all').waitFor();
    };
    const filter = async () => (await agent.get<Settings>('/me/notification-settings')).filter;
    await settled(page);

    // All but the chosen: ali.
    await radio('blacklist').check();
    const picker = card.getByTestId('filter-people').getByRole('combobox');
    await picker.fill('ali');
    await page.getByRole('option', { name: /\(ali\)/ }).click();
    await saveFilter();
    expect(await filter()).toEqual({ mode: 'blacklist', userIds: [aliId] });
    await reload();
    expect(await radio('blacklist').isChecked()).toBe(true);
    await card.getByTestId('filter-people').getByText('علی محمدی (ali)').waitFor();
    await a11y.check(page, 'profile, filter blacklist (fa, desktop)');
    await card.scrollIntoViewIfNeeded();
    await shotViewport(page, 'notify-filter-blacklist-fa-desktop');

    // Only the chosen, nobody chosen: the warning says it silences everyone.
    await radio('whitelist').check();
    await card.getByTestId('filter-people').locator('.MuiChip-deleteIcon').first().click(); // the chip's ✕
    await expect.poll(() => card.getByTestId('filter-people').getByText('علی محمدی (ali)').count()).toBe(0);
    await card.getByTestId('filter-empty-whitelist').waitFor();
    await saveFilter();
    expect(await filter()).toEqual({ mode: 'whitelist', userIds: [] });
    await reload();
    expect(await radio('whitelist').isChecked()).toBe(true);
    await card.getByTestId('filter-empty-whitelist').waitFor();
    await card.scrollIntoViewIfNeeded();
    await shotViewport(page, 'notify-filter-whitelist-fa-desktop');

    // Everyone again.
    await radio('all').check();
    await saveFilter();
    expect((await filter()).mode).toBe('all');
    await reload();
    expect(await radio('all').isChecked()).toBe(true);

    // The matrix: SMS off and the SLA warning off; saved and shown after a reload.
    const matrix = page.getByTestId('notification-settings');
    await matrix.getByTestId('notify-channel-sms').uncheck();
    await matrix.getByTestId('notify-event-slaWarning').uncheck();
    await matrix.getByTestId('notify-save').click();
    await matrix.getByTestId('notify-saved').waitFor();
    const s = await agent.get<Settings>('/me/notification-settings');
    expect(s.channels).toEqual({ email: true, sms: false, push: true });
    expect(s.events.slaWarning).toBe(false);
    expect(s.events.ticketCreated).toBe(true);
    await page.reload();
    await settled(page);
    expect(await matrix.getByTestId('notify-channel-sms').isChecked()).toBe(false);
    // The push switch of this browser: headless Chromium has the Push API; no permission asked yet.
    expect(await page.getByTestId('push-toggle').getAttribute('data-state')).not.toBe('');

    for (const lang of LANGS) {
      await switchLanguage(page, lang);
      await radio('blacklist').check();
      await matrix.scrollIntoViewIfNeeded();
      await a11y.check(page, `profile notifications (${lang}, desktop)`);
      await shotViewport(page, `notify-settings-${lang}-desktop`);
      await card.scrollIntoViewIfNeeded();
      await shotViewport(page, `notify-filter-${lang}-desktop`);
      await radio('all').check();
    }
    await switchLanguage(page, 'fa');

    const phone = await person(AGENT, 'phone');
    for (const lang of LANGS) {
      await phone.page.goto('/profile#notifications');
      await phone.page.locator('main h1').first().waitFor();
      await switchLanguage(phone.page, lang);
      await settled(phone.page);
      await phone.page.getByTestId('notification-filter').getByTestId('filter-mode-whitelist').check();
      await fits(phone.page, `/profile (${lang}, phone)`);
      await a11y.check(phone.page, `profile notifications (${lang}, phone)`);
      await phone.page.getByTestId('notification-settings').scrollIntoViewIfNeeded();
      await shotViewport(phone.page, `notify-settings-${lang}-phone`);
      await phone.page.getByTestId('notification-filter').scrollIntoViewIfNeeded();
      await shotViewport(phone.page, `notify-filter-${lang}-phone`);
    }
    await switchLanguage(phone.page, 'fa');

    // A customer: the events of their requests only (no filter), and the same channels.
    const customer = await person('ali');
    await customer.page.goto('/profile#notifications');
    await settled(customer.page);
    const rows = customer.page.getByTestId('notify-matrix').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    await customer.page.getByTestId('notify-row-agentReplied').waitFor();
    expect(await customer.page.getByTestId('notification-filter').count()).toBe(0);
    await a11y.check(customer.page, 'profile notifications (customer, fa, desktop)');
    await shotViewport(customer.page, 'notify-settings-customer-fa-desktop');
    expect(customer.errors).toEqual([]);
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });
});
