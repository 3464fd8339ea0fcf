import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, signIn, type Person } from './helpers/browser';
import { settled, shotFromTop, softA11y, switchLanguage, webEnv } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * The agent dashboard: counters from /dashboard that lead to the matching queue, and the chart
 * of tickets by status over the last days (from /dashboard/status-series), in both languages.
 */
describe('agent dashboard', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: Person;
  const a11y = softA11y();

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    sara = await newPerson(browser, server.base);
    await signIn(sara.page, 'sara');
  });
  afterAll(async () => {
    await sara?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows the counters and the status chart, and a counter opens its queue', async () => {
    const api = await ApiClient.login(server.base, 'sara');
    const counts = await api.get<{ departments: { active: number } }>('/dashboard');
    const series = await api.get<{ days: Array<{ active: number; pending: number; closed: number }> }>(
      '/dashboard/status-series',
      { days: 14 },
    );
    // The demo tickets were all opened today: the last day of the series holds them.
    const today = series.days[series.days.length - 1];
    expect(today.active + today.pending + today.closed).toBeGreaterThanOrEqual(8);

    const page = sara.page;
    for (const lang of ['fa', 'en'] as const) {
      await page.goto('/agent');
      await switchLanguage(page, lang);
      await settled(page);
      const counter = page.getByTestId('dashboard-counter-departmentsActive');
      await expect
        .poll(async () => (await counter.textContent()) ?? '')
        .toMatch(lang === 'fa' ? /[۰-۹]/ : new RegExp(String(counts.departments.active)));
      await page.getByTestId('status-chart').locator('svg').first().waitFor();
      await shotFromTop(page, `agent-dashboard-${lang}-desktop`);
      await a11y.check(page, `agent dashboard (${lang})`);
    }
    await page.getByTestId('dashboard-counter-departmentsActive').click();
    await page.waitForURL((u) => u.pathname === '/agent/tickets' && u.searchParams.getAll('status').includes('active'));
    await switchLanguage(page, 'fa');
    a11y.assertNone();
  });
});
