import { describe, expect, it } from 'vitest';
import { settled, shotFromTop, softA11y, switchLanguage } from './helpers/flows';
import { ApiClient } from './helpers/server';
import { useSignedInWeb } from './helpers/signed-in';

/**
 * The agent dashboard: counters from /dashboard that lead to the matching queue, and the chart
 * of tickets by status over the last days (from /dashboard/status-series), in both languages.
 */
describe('agent dashboard', () => {
  const web = useSignedInWeb('sara');
  const a11y = softA11y();

  it('shows the counters and the status chart, and a counter opens its queue', async () => {
    const api = await ApiClient.login(web.server.base, 'sara');
    const counts = await api.get<{ departments: { active: number } }>('/dashboard');
    const series = await api.get<{ days: Array<{ active: number; pending: number; closed: number }> }>(
      '/dashboard/status-series',
      { days: 14 },
    );
    // The demo tickets were all opened today: the last day of the series holds them.
    const today = series.days[series.days.length - 1];
    expect(today.active + today.pending + today.closed).toBeGreaterThanOrEqual(8);

    const page = web.person.page;
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
