import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import { faDigits, shotFromTop, softA11y, switchLanguage, tr, webEnv } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * D1, D2 in the ticket center: two of three tickets closed in one bulk action (the third left
 * alone), and a view — status filter plus search — that lives in the address and so survives
 * a reload.
 */
describe('ticket center: bulk status and filters in the address', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: Person;
  let saraApi: ApiClient;
  const token = `zq${Date.now().toString(36)}`;
  const subjects = [`Projector alpha ${token}`, `Projector bravo ${token}`, `Projector charlie ${token}`];
  let numbers: number[] = [];
  const a11y = softA11y();

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    const ali = await ApiClient.login(server.base, 'ali');
    const departments = await ali.get<{ items: Array<{ id: string }> }>('/departments', { pageSize: 100 });
    numbers = [];
    for (const subject of subjects) {
      const t = await ali.post<{ number: number }>('/tickets', {
        departmentId: departments.items[0].id,
        subject,
        body: `<p>${subject}: the projector does not turn on.</p>`,
      });
      numbers.push(t.number);
    }
    saraApi = await ApiClient.login(server.base, 'sara');
  });
  afterAll(async () => {
    await sara?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => a11y.assertNone());

  const row = (page: Page, n: number) => page.getByTestId(`ticket-row-${n}`);
  const statusOf = async (n: number) => (await saraApi.get<{ status: string }>(`/tickets/${n}`)).status;

  it('sara selects two tickets and closes them with the bulk bar; the third stays active', async () => {
    const [first, second, third] = numbers;
    sara = await newPerson(browser, server.base);
    sara.context.setDefaultTimeout(30_000);
    await saraApi.shareWith(sara.context);
    // Newest first: the three are on the first page whatever else waits in the queue.
    await sara.page.goto('/agent/tickets?sort=-created');
    for (const n of numbers) await row(sara.page, n).waitFor();
    expect(await sara.page.getByTestId('bulk-bar').count()).toBe(0);

    await sara.page.getByTestId(`ticket-select-${first}`).click();
    await sara.page.getByTestId(`ticket-select-${second}`).click();
    const bar = sara.page.getByTestId('bulk-bar');
    await bar.waitFor();
    await expect
      .poll(() => bar.textContent())
      .toContain(tr('fa', 'center.bulk.selected', { count: 2, n: faDigits(2) }));
    expect(await sara.page.getByTestId(`ticket-select-${first}`).getByRole('checkbox').isChecked()).toBe(true);
    expect(await sara.page.getByTestId(`ticket-select-${third}`).getByRole('checkbox').isChecked()).toBe(false);

    await bar.getByTestId('bulk-action').selectOption('status');
    await bar.getByTestId('bulk-status').selectOption('closed');
    expect(await bar.getByTestId('bulk-status').inputValue()).toBe('closed');
    await shotFromTop(sara.page, 'ticket-center-bulk-fa-desktop');
    await a11y.check(sara.page, 'ticket center with the bulk bar (fa)');

    const applied = sara.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/tickets/bulk' && r.request().method() === 'POST',
    );
    await bar.getByTestId('bulk-apply').click();
    const res = await applied;
    expect(res.status()).toBeLessThan(300);
    expect(await res.json()).toMatchObject({ done: expect.arrayContaining([first, second]), failed: [] });
    await expect
      .poll(() => sara.page.getByTestId('bulk-toast').textContent())
      .toBe(tr('fa', 'center.bulk.done', { count: 2, n: faDigits(2) }));
    await bar.waitFor({ state: 'detached' }); // the selection is cleared after a full success

    // The default queue (active and pending) drops the two closed ones and keeps the third.
    await row(sara.page, first).waitFor({ state: 'detached' });
    await row(sara.page, second).waitFor({ state: 'detached' });
    await row(sara.page, third).waitFor();
    expect([await statusOf(first), await statusOf(second), await statusOf(third)]).toEqual([
      'closed',
      'closed',
      'active',
    ]);

    // With every status, the two show "closed" and the third "active".
    await sara.page.goto('/agent/tickets?status=any&sort=-created');
    await expect.poll(() => row(sara.page, first).textContent()).toContain(tr('fa', 'status.closed'));
    await expect.poll(() => row(sara.page, second).textContent()).toContain(tr('fa', 'status.closed'));
    await expect.poll(() => row(sara.page, third).textContent()).toContain(tr('fa', 'status.active'));
    expect(sara.errors).toEqual([]);
  });

  it('a status filter and a search are kept in the address and still applied after a reload (English)', async () => {
    const [first, second, third] = numbers;
    expect(await statusOf(second), 'needs the first test').toBe('closed');
    await sara.page.goto('/agent/tickets?sort=-created');
    await row(sara.page, third).waitFor();
    await switchLanguage(sara.page, 'en');
    try {
      await sara.page.getByRole('heading', { level: 1, name: tr('en', 'center.title') }).waitFor();

      // Status: only "closed" (the queue starts as active + pending).
      const status = sara.page.getByTestId('filter-status').getByRole('combobox');
      await status.click();
      const listbox = sara.page.getByRole('listbox');
      for (const s of ['closed', 'active', 'pending'] as const) {
        const option = listbox.getByRole('option', { name: tr('en', `status.${s}`), exact: true });
        const wanted = s === 'closed' ? 'true' : 'false';
        await option.click();
        await expect.poll(() => option.getAttribute('aria-selected')).toBe(wanted);
      }
      await sara.page.keyboard.press('Escape');
      await listbox.waitFor({ state: 'detached' });
      await expect.poll(() => new URL(sara.page.url()).searchParams.getAll('status')).toEqual(['closed']);
      await row(sara.page, first).waitFor();
      await row(sara.page, third).waitFor({ state: 'detached' });

      // Search: one word of the second ticket's subject (plus the run's token).
      const q = `bravo ${token}`;
      await sara.page.getByTestId('center-search').fill(q);
      await expect.poll(() => new URL(sara.page.url()).searchParams.get('q')).toBe(q);
      await row(sara.page, first).waitFor({ state: 'detached' });
      await row(sara.page, second).waitFor();

      // Reload: the address brings back the same view.
      await sara.page.reload();
      await row(sara.page, second).waitFor();
      const url = new URL(sara.page.url());
      expect(url.searchParams.getAll('status')).toEqual(['closed']);
      expect(url.searchParams.get('q')).toBe(q);
      expect(url.searchParams.get('sort')).toBe('-created');
      expect(await sara.page.getByTestId('center-search').inputValue()).toBe(q);
      await expect
        .poll(() => sara.page.getByTestId('filter-status').getByRole('combobox').textContent())
        .toBe(tr('en', 'status.closed'));
      await expect.poll(() => sara.page.locator('[data-testid^="ticket-row-"]').count()).toBe(1);
      expect(await row(sara.page, first).count()).toBe(0);
      expect(await row(sara.page, third).count()).toBe(0);
      await expect.poll(() => row(sara.page, second).textContent()).toContain(subjects[1]);
      await shotFromTop(sara.page, 'ticket-center-filtered-en-desktop');
      await a11y.check(sara.page, 'ticket center, filtered (en)');
      expect(sara.errors).toEqual([]);
    } finally {
      await switchLanguage(sara.page, 'fa');
    }
  });
});
