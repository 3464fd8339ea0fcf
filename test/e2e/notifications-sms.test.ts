import { describe, expect, it } from 'vitest';
import { chooseOption, settled, shotFromTop, shotViewport, switchLanguage, tr, type Lang } from './helpers/flows';
import { fits, useNotifyWorld } from './helpers/notify-setup';

/**
 * Issue 15, the notification screens, (c) (the bell and the profile are in notifications.test.ts):
 * the admin sets the SMS gateway to `log`, sends a test SMS and finds it in the deliveries log,
 * then adds SMS credit (the ledger, the use per day) and sees the low-credit banner. Persian and
 * English, 1366×800 and 390×844, axe on every screen.
 */

const LANGS: Lang[] = ['fa', 'en'];

describe('notifications: the SMS gateway, the deliveries log and the SMS credit', () => {
  const w = useNotifyWorld();
  const { a11y, person } = w;

  it('(c) the admin sends a test SMS through the `log` gateway and finds it in the deliveries log; the credit', async () => {
    const desk = await person('admin');
    const { page } = desk;
    await page.goto('/admin/sms-gateway');
    await page.locator('main h1').first().waitFor();
    await switchLanguage(page, 'fa');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.sms.title') }).waitFor();
    await settled(page);
    await chooseOption(page, page.getByTestId('sms-provider'), tr('fa', 'admin.sms.providers.log'));
    await page.getByTestId('sms-sender').fill('10008663');
    await page.getByTestId('sms-save').click();
    await page
      .getByTestId('admin-notice')
      .filter({ hasText: tr('fa', 'admin.sms.saved') })
      .waitFor();
    const gateway = await w.admin.get<{ provider: string; sender: string; configured: boolean }>('/sms-gateway');
    expect(gateway).toMatchObject({ provider: 'log', sender: '10008663', configured: true });

    await page.getByTestId('sms-test-mobile').fill('۰۹۱۲۱۲۳۴۵۶۷');
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sms-gateway/test');
    await page.getByTestId('sms-test-send').click();
    const res = await answered;
    expect(res.status()).toBe(200);
    const result = (await res.json()) as { ok: boolean; status: string; deliveryId: string; message: string };
    expect(result).toMatchObject({ ok: true, status: 'sent' });
    const shown = page.getByTestId('sms-test-result');
    await shown.waitFor();
    expect(await shown.getAttribute('data-status')).toBe('sent');
    expect(await page.getByTestId('sms-test-message').textContent()).toBe(result.message);
    await a11y.check(page, 'SMS gateway with a test result (fa, desktop)');
    await shotFromTop(page, 'notify-sms-gateway-fa-desktop');

    // The answer links to the log, filtered to SMS: the test is there, sent.
    await page.getByTestId('sms-test-log').click();
    await page.waitForURL((u) => u.pathname === '/admin/deliveries' && u.searchParams.get('channel') === 'sms');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.deliveries.title') }).waitFor();
    const status = page.getByTestId(`delivery-status-${result.deliveryId}`);
    await status.waitFor();
    expect(await status.textContent()).toBe(tr('fa', 'admin.deliveries.statuses.sent'));
    const row = page.getByTestId(`admin-row-${result.deliveryId}`);
    expect(await row.textContent()).toContain(tr('fa', 'admin.deliveries.event.test'));
    expect(await row.textContent()).toContain('09121234567');
    // The other filters narrow it: failed SMS, none.
    await chooseOption(page, page.getByTestId('deliveries-status'), tr('fa', 'admin.deliveries.statuses.failed'));
    await page.getByText(tr('fa', 'admin.deliveries.emptyFiltered'), { exact: true }).waitFor();
    await chooseOption(page, page.getByTestId('deliveries-status'), tr('fa', 'admin.deliveries.statuses.sent'));
    await status.waitFor();
    await settled(page);
    await a11y.check(page, 'deliveries (fa, desktop)');
    await shotFromTop(page, 'notify-deliveries-fa-desktop');

    // The credit: a grant in the ledger; then a threshold above the balance raises the banner.
    await page.goto('/admin/sms-credit');
    await settled(page);
    await page.getByTestId('credit-grant-amount').fill('50000');
    await page.getByTestId('credit-grant-note').fill('خرید بستهٔ پیامک / SMS bundle');
    await page.getByTestId('credit-grant-submit').click();
    await page.getByTestId('admin-notice').waitFor();
    await expect
      .poll(async () => (await w.admin.get<{ balance: number }>('/billing/credit')).balance)
      .toBeGreaterThan(0);
    await page.getByText('خرید بستهٔ پیامک / SMS bundle').waitFor();
    await w.admin.patch('/billing/credit', { charging: true, lowBalanceThreshold: 10_000_000 });
    // Charged now: a second test message shows in the use per day.
    expect(await w.admin.post('/sms-gateway/test', { mobile: '09351234567' })).toMatchObject({ ok: true });
    await page.reload();
    await settled(page);
    await page.getByTestId('credit-low').waitFor();
    await page.getByTestId('credit-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await a11y.check(page, 'SMS credit (fa, desktop)');
    await shotFromTop(page, 'notify-credit-fa-desktop');
    await page.goto('/admin/deliveries');
    await page.getByTestId('low-credit-banner').waitFor();

    for (const lang of LANGS) {
      await switchLanguage(page, lang);
      for (const [path, name] of [
        ['/admin/sms-gateway', 'sms-gateway'],
        ['/admin/deliveries', 'deliveries'],
        ['/admin/sms-credit', 'credit'],
      ]) {
        await page.goto(path);
        await settled(page);
        await a11y.check(page, `${path} (${lang}, desktop)`);
        if (lang === 'en') await shotFromTop(page, `notify-${name}-${lang}-desktop`);
      }
    }
    await switchLanguage(page, 'fa');

    const phone = await person('admin', 'phone');
    for (const lang of LANGS) {
      await phone.page.goto('/admin/deliveries');
      await phone.page.locator('main h1').first().waitFor();
      await switchLanguage(phone.page, lang);
      for (const [path, name] of [
        ['/admin/sms-gateway', 'sms-gateway'],
        ['/admin/deliveries', 'deliveries'],
        ['/admin/sms-credit', 'credit'],
      ]) {
        await phone.page.goto(path);
        await settled(phone.page);
        if (name === 'deliveries') await phone.page.getByTestId(`delivery-status-${result.deliveryId}`).waitFor();
        await fits(phone.page, `${path} (${lang}, phone)`);
        await a11y.check(phone.page, `${path} (${lang}, phone)`);
        await shotFromTop(phone.page, `notify-${name}-${lang}-phone`);
        await shotViewport(phone.page, `notify-${name}-${lang}-phone-top`);
      }
    }
    await switchLanguage(phone.page, 'fa');
    expect([...desk.errors, ...phone.errors]).toEqual([]);
  });
});
